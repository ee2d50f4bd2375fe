using InsightEngine.Store;

namespace InsightEngine.Tests.Store;

/// <summary>The fallback that lets a notebook kernel or script load the engine by path finds DuckDB's and Skia's native libraries in a build output.</summary>
public sealed class NativeLibraryProbeTests
{
    [Fact]
    public void Finds_the_native_libraries_under_runtimes_of_a_build_output()
    {
        Assert.NotEqual(IntPtr.Zero, NativeLibraryProbe.Resolve(typeof(DuckDB.NET.Data.DuckDBConnection).Assembly, "duckdb"));
        Assert.NotEqual(IntPtr.Zero, NativeLibraryProbe.Resolve(typeof(SkiaSharp.SKBitmap).Assembly, "libSkiaSharp"));
        Assert.Equal(IntPtr.Zero, NativeLibraryProbe.Resolve(typeof(InsightStore).Assembly, "no-such-library"));
    }
}
