using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace NotebookRunner.Packages;

/// <summary>
/// Makes a notebook's packages and <c>#r</c> assemblies load into the default AssemblyLoadContext (one copy of each,
/// shared by every cell; Plotly.NET's FSharp.Core binding needs that), and their native libraries resolvable by name.
/// Only fallbacks are installed (Resolving events), so a library that sets its own DllImport resolver, as the course
/// library does for TorchSharp, keeps working.
/// </summary>
static class AssemblyResolution
{
    static readonly Lock Gate = new();
    static readonly Dictionary<string, string> Managed = new(StringComparer.OrdinalIgnoreCase);
    static readonly Dictionary<string, string> Native = new(StringComparer.Ordinal);
    static readonly List<string> ProbeDirectories = [];
    static bool installed;

    /// <summary>Hooks the default context's fallbacks (once).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed) return;
            installed = true;
        }
        AssemblyLoadContext.Default.Resolving += ResolveManaged;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
    }

    /// <summary>Makes an assembly file resolvable by its simple name; the first file registered for a name wins.</summary>
    public static void AddManaged(string path)
    {
        lock (Gate) Managed.TryAdd(Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Makes a native library resolvable by its file name, with or without "lib" and extension.</summary>
    public static void AddNative(string path)
    {
        string file = Path.GetFileName(path);
        lock (Gate)
            foreach (string name in NativeNames(file))
                Native.TryAdd(name, path);
    }

    /// <summary>Resolves other assemblies found beside a <c>#r</c>'d assembly.</summary>
    public static void AddProbeDirectory(string directory)
    {
        lock (Gate)
            if (!ProbeDirectories.Contains(directory)) ProbeDirectories.Add(directory);
    }

    /// <summary>"libfoo.so.1" answers to libfoo.so.1, libfoo.so, libfoo and foo.</summary>
    static IEnumerable<string> NativeNames(string file)
    {
        yield return file;
        int so = file.IndexOf(".so", StringComparison.Ordinal);
        string stem = so > 0 ? file[..so] : Path.GetFileNameWithoutExtension(file);
        yield return stem + ".so";
        yield return stem;
        if (stem.StartsWith("lib", StringComparison.Ordinal) && stem.Length > 3) yield return stem[3..];
    }

    static Assembly? ResolveManaged(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name == null) return null;
        string? path;
        lock (Gate)
        {
            if (!Managed.TryGetValue(name.Name, out path))
                path = ProbeDirectories.Select(d => Path.Combine(d, name.Name + ".dll")).FirstOrDefault(File.Exists);
        }
        return path == null ? null : context.LoadFromAssemblyPath(path);
    }

    static IntPtr ResolveNative(Assembly assembly, string name)
    {
        string? path;
        lock (Gate) Native.TryGetValue(name, out path);
        return path != null && NativeLibrary.TryLoad(path, out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
