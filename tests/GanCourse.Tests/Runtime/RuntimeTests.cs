using TorchSharp;
using Xunit;

namespace GanCourse.Tests.Runtime;

public class RuntimeTests
{
    [Fact]
    public void TorchComputesAfterNativeLoad()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(6.0f, torch.ones(2, 3).sum().item<float>());
        Assert.NotNull(NativeTorch.LoadedFrom);
    }

    [Fact]
    public void SetupSeedsTorchAndDotNetReproducibly()
    {
        Course.Setup(seed: 123, threads: 1);
        var a = torch.randn(5).data<float>().ToArray();
        int ra = Course.Rng.Next();
        Course.Setup(seed: 123, threads: 1);
        var b = torch.randn(5).data<float>().ToArray();
        int rb = Course.Rng.Next();
        Assert.Equal(a, b);
        Assert.Equal(ra, rb);
        Assert.Equal(1, torch.get_num_threads());
    }

    [Fact]
    public void SetupReportsCpuWithoutGpu()
    {
        var env = Course.Setup(seed: 0, threads: 2);
        Assert.Equal(torch.cuda.is_available() ? "cuda" : "cpu", env.Device);
        Assert.Contains("TorchSharp 0.107.0", env.ToString());
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, "tpu")]
    public void SetupRejectsBadArguments(int? threads, string? device)
    {
        var e = Record.Exception(() => Course.Setup(threads: threads, device: device));
        Assert.True(e is ArgumentException, e?.ToString());
    }

    [Fact]
    public void ElfReaderFindsTheGlibcxxRequirementAndMarksItWeak()
    {
        string binding = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        byte[] elf = File.ReadAllBytes(binding);
        var before = ElfVersionNeeds.Read(elf).Single(r => r.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", before.Library);
        Assert.False(before.Weak);
        Assert.Equal(1, ElfVersionNeeds.MarkWeak(elf, "GLIBCXX_3.4.32"));
        Assert.True(ElfVersionNeeds.Read(elf).Single(r => r.Version == "GLIBCXX_3.4.32").Weak);
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(elf, "GLIBCXX_3.4.32")); // idempotent
        // Everything else untouched.
        Assert.All(ElfVersionNeeds.Read(elf).Where(r => r.Version != "GLIBCXX_3.4.32"), r => Assert.False(r.Weak));
    }

    [Fact]
    public void ElfReaderRejectsNonElfAndTruncatedFiles()
    {
        var e1 = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[100]));
        Assert.Contains("Not an ELF file", e1.Message);
        byte[] head = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"))[..4096];
        var e2 = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(head));
        Assert.Contains("truncated", e2.Message);
    }
}

public class NativePatchCacheTests
{
    [Fact]
    public void ConcurrentPatchersBuildOneCompleteFolderAndLeaveNoTemporaries()
    {
        string app = AppContext.BaseDirectory;
        string binding = Path.Combine(app, "libLibTorchSharp.so");
        string root = Path.Combine(Path.GetTempPath(), "gan-native-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] results = new string[8];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                i => results[i] = NativeTorch.PatchedCopy(binding, app, root));

            Assert.Single(results.Distinct());
            string dir = Path.GetDirectoryName(results[0])!;
            Assert.Single(Directory.GetDirectories(Path.Combine(root, "torchsharp-native"))); // no temporaries
            var requirement = ElfVersionNeeds.Read(File.ReadAllBytes(results[0])).Single(r => r.Version == "GLIBCXX_3.4.32");
            Assert.True(requirement.Weak);
            var link = new FileInfo(Path.Combine(dir, "libtorch_cpu.so"));
            Assert.Equal(Path.Combine(app, "libtorch_cpu.so"), link.LinkTarget);
            // The NuGet/app copy is never modified.
            Assert.False(ElfVersionNeeds.Read(File.ReadAllBytes(binding)).Single(r => r.Version == "GLIBCXX_3.4.32").Weak);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void OnThisMachineThePatchIsUsedExactlyWhenLibstdcxxLacksGlibcxx3432()
    {
        string? libstdcxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
        Assert.NotNull(libstdcxx);
        bool systemHasIt = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(libstdcxx!)).Contains("GLIBCXX_3.4.32");
        Assert.Equal(!systemHasIt, NativeTorch.Patched);
    }
}
