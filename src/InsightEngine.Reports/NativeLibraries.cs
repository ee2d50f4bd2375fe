using System.Runtime.CompilerServices;

namespace InsightEngine.Reports;

/// <summary>Charts need SkiaSharp's native library: make sure the engine's probe is in place when this assembly loads (see <see cref="NativeLibraryProbe"/>).</summary>
internal static class NativeLibraries
{
#pragma warning disable CA2255 // On purpose: before ScottPlot's first call into Skia.
    [ModuleInitializer]
    internal static void OnLoad() => NativeLibraryProbe.Register();
#pragma warning restore CA2255
}
