using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

/// <summary>Tests that read torch's global generator run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExclusiveTorchRngCollection
{
    public const string Name = "ClassifierCache: exclusive global torch RNG";
}

[Collection(ExclusiveTorchRngCollection.Name)]
public class ClassifierCacheRngTests
{
    static (Tensor, Tensor) SmallSet() => SyntheticDigits.Make(320, seed: 21);

    [Fact]
    public void LeavesTorchsGlobalRandomStateAlone()
    {
        using var scope = NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"gancourse-cache-{Guid.NewGuid():N}.bin");
        try
        {
            torch.manual_seed(77);
            var expected = rand(4).data<float>().ToArray();
            torch.manual_seed(77);
            ClassifierCache.GetOrTrain(path, SmallSet, batch: 32); // trains
            Assert.Equal(expected, rand(4).data<float>().ToArray());
            torch.manual_seed(77);
            ClassifierCache.GetOrTrain(path, SmallSet, batch: 32); // loads
            Assert.Equal(expected, rand(4).data<float>().ToArray());
        }
        finally { File.Delete(path); File.Delete(path + ".lock"); }
    }
}
