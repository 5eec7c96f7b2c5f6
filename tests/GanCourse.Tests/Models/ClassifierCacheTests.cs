using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

public class ClassifierCacheTests
{
    static (Tensor, Tensor) SmallSet() => SyntheticDigits.Make(320, seed: 21);

    [Fact]
    public void TrainsOnceThenLoadsTheSameWeights()
    {
        using var scope = NewDisposeScope();
        string dir = Path.Combine(Path.GetTempPath(), $"gancourse-cache-{Guid.NewGuid():N}");
        string path = Path.Combine(dir, "classifiers", "test-classifier.bin");
        try
        {
            int loads = 0;
            (Tensor, Tensor) Count() { loads++; return SmallSet(); }
            var first = ClassifierCache.GetOrTrain(path, Count, epochs: 1, batch: 32);
            Assert.Equal(1, loads);
            Assert.True(File.Exists(path));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp")); // written atomically, nothing left over
            var second = ClassifierCache.GetOrTrain(path, Count, epochs: 1, batch: 32);
            Assert.Equal(1, loads); // loaded, not retrained
            var x = SyntheticDigits.Make(6, seed: 5).Images;
            Assert.Equal(first.forward(x).data<float>().ToArray(), second.forward(x).data<float>().ToArray());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void RetrainsWhenTheFileIsCorrupt()
    {
        using var scope = NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"gancourse-cache-{Guid.NewGuid():N}.bin");
        try
        {
            File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
            Assert.Null(ClassifierCache.TryLoad(path));
            int loads = 0;
            ClassifierCache.GetOrTrain(path, () => { loads++; return SmallSet(); }, batch: 32);
            Assert.Equal(1, loads);
            Assert.NotNull(ClassifierCache.TryLoad(path));
        }
        finally { File.Delete(path); File.Delete(path + ".lock"); }
    }

    [Fact]
    public async Task ConcurrentCallersTrainOnce()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gancourse-cache-{Guid.NewGuid():N}.bin");
        try
        {
            int loads = 0;
            var tasks = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            {
                using var scope = NewDisposeScope();
                ClassifierCache.GetOrTrain(path, () => { Interlocked.Increment(ref loads); return SmallSet(); }, batch: 32);
            })).ToArray();
            await Task.WhenAll(tasks);
            Assert.Equal(1, loads);
        }
        finally { File.Delete(path); File.Delete(path + ".lock"); }
    }
}
