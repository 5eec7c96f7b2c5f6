using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary><see cref="GanTrainerOptions.RecordGradientNorms"/> on the plain path (GanTrainer's TrainStep).</summary>
public class GradientNormRecordingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NormsAreRecordedOnlyWhenAskedFor(bool record)
    {
        using var scope = NewDisposeScope();
        manual_seed(411);
        using var g = new ToyGenerator(zDim: 4, outDim: 2, hidden: 16);
        using var d = new ToyDiscriminator(inDim: 2, hidden: 16);
        using var trainer = new GanTrainer(g, d, randn(256, 2), new GanTrainerOptions
        {
            BatchSize = 64, ZDim = 4, Seed = 412, SnapshotSamples = 0, ReportEvery = 100, FastPath = false,
            DiscriminatorSteps = 2, RecordGradientNorms = record,
        });
        var history = trainer.Run(5);

        Assert.Equal(5, history.DiscriminatorGradNorm.Count);
        // Not asked for: no step computes a norm, so the history holds zeros, also after the last of the k D steps.
        Assert.All(history.DiscriminatorGradNorm.Concat(history.GeneratorGradNorm), n => Assert.Equal(record, n > 0));
    }
}
