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
