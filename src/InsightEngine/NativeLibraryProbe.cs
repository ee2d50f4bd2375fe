using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace InsightEngine;

/// <summary>
/// Finds the native libraries of our dependencies (DuckDB's libduckdb, SkiaSharp's libSkiaSharp, LightGBM ...) when a
/// host loads the engine by path without our deps.json: a notebook kernel's <c>#r "…/InsightEngine.dll"</c>, a script,
/// a plugin host. The build output keeps them under <c>runtimes/RID/native/</c>, which only a deps.json tells the runtime
/// about. This is a fallback: it runs only after the runtime's own probing failed, so a normal app is unaffected.
/// </summary>
public static class NativeLibraryProbe
{
    private static int _registered;

    /// <summary>Registers the fallback once per process (the engine's assemblies call it when they load).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
    }

#pragma warning disable CA2255 // A library's module initializer, on purpose: the probe must be in place before any dependency's first native call.
    [ModuleInitializer]
    internal static void OnLoad() => Register();
#pragma warning restore CA2255

    internal static IntPtr Resolve(Assembly assembly, string name)
    {
        if (string.IsNullOrEmpty(assembly.Location)) return IntPtr.Zero;
        var folder = Path.GetDirectoryName(assembly.Location)!;
        foreach (var rid in RuntimeIdentifiers())
        foreach (var file in FileNames(name))
        {
            var path = Path.Combine(folder, "runtimes", rid, "native", file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> RuntimeIdentifiers()
    {
        yield return RuntimeInformation.RuntimeIdentifier;
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return $"{os}-{arch}";
        if (os == "linux") yield return $"linux-musl-{arch}";
    }

    private static IEnumerable<string> FileNames(string name)
    {
        var extension = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        yield return name;
        yield return name + extension;
        if (!OperatingSystem.IsWindows()) yield return "lib" + name + extension;
    }
}
