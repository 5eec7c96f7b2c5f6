using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace GanCourse;

/// <summary>
/// Makes TorchSharp's native library load on Linux systems whose libstdc++ is older than the one it was built
/// against (Debian 12, Ubuntu 22.04). <c>libLibTorchSharp.so</c> (TorchSharp 0.107) asks for GLIBCXX_3.4.32 only for
/// a marker symbol nothing calls; when the system lacks it, a copy with that requirement marked weak is made in a
/// cache folder (the NuGet cache is never touched), the libtorch files it links against are symlinked beside it,
/// and the copy is loaded by full path before TorchSharp's first call. Where the original loads, nothing is done.
/// </summary>
public static class NativeTorch
{
    const string MissingVersion = "GLIBCXX_3.4.32";
    const string BindingLibrary = "libLibTorchSharp.so";
    const string TorchLibrary = "libtorch_cpu.so";
    static readonly string[] TorchLibraries = ["libc10.so", TorchLibrary, "libtorch.so"];

    static readonly object Gate = new();
    static string? loadedFrom;
    static IntPtr handle;

    /// <summary>Where the TorchSharp binding was loaded from, once <see cref="EnsureLoaded"/> succeeded.</summary>
    public static string? LoadedFrom => loadedFrom;

    /// <summary>Whether the weak-version copy had to be used on this machine.</summary>
    public static bool Patched { get; private set; }

    /// <summary>
    /// Loads TorchSharp's native binding, patching a copy if this system's libstdc++ is too old. Safe to call many
    /// times and from several processes at once. <paramref name="searchDirectories"/> are looked at first; then the
    /// application folder, TorchSharp's folder and the NuGet package cache.
    /// </summary>
    public static void EnsureLoaded(params string[] searchDirectories)
    {
        lock (Gate)
        {
            if (loadedFrom != null) return;
            if (!OperatingSystem.IsLinux())
            {
                loadedFrom = "(TorchSharp's own loader)";
                return;
            }
            string binding = FindBinding(searchDirectories);
            string torchDir = FindTorchDirectory(Path.GetDirectoryName(binding)!, searchDirectories);

            // libtorch's own libraries first, from the very folder TorchSharp would use, so only one copy is ever
            // mapped and the binding finds them by soname even when NuGet keeps them in another package's folder.
            foreach (string lib in TorchLibraries)
                NativeLibrary.Load(Path.Combine(torchDir, lib));
            try
            {
                handle = NativeLibrary.Load(binding);
                loadedFrom = binding;
            }
            catch (DllNotFoundException e) when (e.Message.Contains(MissingVersion))
            {
                string patched = PatchedCopy(binding, torchDir, CoursePaths.CacheRoot);
                try { handle = NativeLibrary.Load(patched); }
                catch (DllNotFoundException inner)
                {
                    throw new TorchLoadException(
                        $"The patched copy {patched} of TorchSharp's native library still fails to load: {inner.Message}. " +
                        "Install a libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), or delete the cache folder " +
                        $"{Path.GetDirectoryName(patched)} and try again.", inner);
                }
                loadedFrom = patched;
                Patched = true;
            }
            catch (DllNotFoundException e)
            {
                throw new TorchLoadException(
                    $"TorchSharp's native library {binding} failed to load: {e.Message}. " +
                    "Check that libtorch-cpu-linux-x64 (or TorchSharp-cpu) is referenced and fully restored.", e);
            }
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        }
    }

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name is "LibTorchSharp" or "libLibTorchSharp" or BindingLibrary ? handle : IntPtr.Zero;

    /// <summary>Builds (once per binding file) the weak-version copy with its libtorch symlinks; returns its path.</summary>
    internal static string PatchedCopy(string binding, string torchDir, string cacheRoot)
    {
        byte[] elf = File.ReadAllBytes(binding);
        string key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(torchDir + "\n")))[..12]
                     + "-" + Convert.ToHexString(SHA256.HashData(elf))[..16];
        string root = Path.Combine(cacheRoot, "torchsharp-native");
        string dir = Path.Combine(root, key);
        string target = Path.Combine(dir, BindingLibrary);
        if (File.Exists(target)) return target;

        if (ElfVersionNeeds.MarkWeak(elf, MissingVersion) == 0)
            throw new TorchLoadException(
                $"{binding} does not require {MissingVersion}, yet failed to load for that reason; cannot patch it.");

        // Built under a temporary name and renamed into place: a racing process sees no folder or a complete one.
        AtomicFile.CreateDirectory(dir, temp =>
        {
            File.WriteAllBytes(Path.Combine(temp, BindingLibrary), elf);
            foreach (string lib in Directory.EnumerateFiles(torchDir, "*.so*"))
            {
                string name = Path.GetFileName(lib);
                if (name == BindingLibrary) continue;
                File.CreateSymbolicLink(Path.Combine(temp, name), lib);
            }
        }, isComplete: () => File.Exists(target));
        return target;
    }

    static IEnumerable<string> CandidateDirectories(IEnumerable<string> extra)
    {
        foreach (string d in extra) yield return d;
        string app = AppContext.BaseDirectory;
        yield return app;
        yield return Path.Combine(app, "runtimes", "linux-x64", "native");
        string? torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDir))
        {
            yield return torchSharpDir;
            // NuGet layout: <root>/torchsharp/<version>/lib/net8.0/TorchSharp.dll
            string package = Path.GetFullPath(Path.Combine(torchSharpDir, "..", ".."));
            yield return Path.Combine(package, "runtimes", "linux-x64", "native");
        }
    }

    static string FindBinding(string[] extra)
    {
        var tried = new List<string>();
        foreach (string d in CandidateDirectories(extra))
        {
            string p = Path.Combine(d, BindingLibrary);
            if (File.Exists(p)) return p;
            tried.Add(d);
        }
        throw new TorchLoadException(
            $"Could not find {BindingLibrary}. Looked in: {string.Join(", ", tried.Distinct())}. " +
            "Reference the TorchSharp-cpu package (in a notebook: #r \"nuget: TorchSharp-cpu, 0.107.0\").");
    }

    static string FindTorchDirectory(string bindingDir, string[] extra)
    {
        var candidates = new List<string> { bindingDir };
        candidates.AddRange(CandidateDirectories(extra));
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string libtorch = Path.Combine(nuget, "libtorch-cpu-linux-x64");
        if (Directory.Exists(libtorch))
            candidates.AddRange(Directory.GetDirectories(libtorch).OrderDescending()
                .Select(v => Path.Combine(v, "runtimes", "linux-x64", "native")));
        foreach (string d in candidates)
            if (File.Exists(Path.Combine(d, TorchLibrary))) return d;
        throw new TorchLoadException(
            $"Could not find {TorchLibrary} (libtorch). Looked in: {string.Join(", ", candidates.Distinct())}. " +
            "Reference libtorch-cpu-linux-x64 2.10.0 (TorchSharp-cpu brings it) and restore.");
    }
}

/// <summary>TorchSharp's native library could not be loaded; the message names the real cause and the fix.</summary>
public sealed class TorchLoadException(string message, Exception? inner = null) : Exception(message, inner);
