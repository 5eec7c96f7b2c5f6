using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Takes <see cref="SampleSnapshot"/>s: the generator's output, in eval mode, for one fixed noise batch (and, for a
/// conditional GAN, the classes 0, 1, 2, … in turn), before training, every <see cref="GanTrainerOptions.SnapshotEvery"/>
/// steps and at epoch ends (<see cref="GanTrainerOptions.SnapshotAtEpochEnd"/>).
/// </summary>
sealed class Snapshots : ITrainingObserver, IDisposable
{
    readonly nn.Module generatorModule;
    readonly Func<Tensor, Tensor?, Tensor> generate;
    readonly Tensor? fixedLabels;
    readonly int samples, every;
    readonly bool atEpochEnd;

    /// <summary>Draws the fixed noise from <paramref name="rng"/>.</summary>
    public Snapshots(nn.Module generatorModule, Func<Tensor, Tensor?, Tensor> generate, Tensor? labels, GanTrainerOptions options,
        Device device, Generator rng)
    {
        this.generatorModule = generatorModule;
        this.generate = generate;
        (samples, every, atEpochEnd) = (options.SnapshotSamples, options.SnapshotEvery, options.SnapshotAtEpochEnd);
        using var keep = NewDisposeScope();
        FixedNoise = Noise.Sample(Math.Max(1, samples), options.ZDim, device, rng).DetachFromDisposeScope();
        if (labels is not null)
        {
            long classes = labels.max().item<long>() + 1;
            fixedLabels = arange(FixedNoise.size(0), ScalarType.Int64, device).remainder(classes).DetachFromDisposeScope();
        }
    }

    /// <summary>The noise every snapshot is generated from (kept in checkpoints).</summary>
    public Tensor FixedNoise { get; }

    public void RunStarting(GanTrainer trainer)
    {
        if (trainer.Step == 0 && trainer.History.Snapshots.Count == 0 && samples > 0) Take(trainer);
    }

    public void StepDone(GanTrainer trainer)
    {
        if (samples > 0 && ((every > 0 && trainer.Step % every == 0) || (trainer.Batches.EpochEnded && atEpochEnd))) Take(trainer);
    }

    void Take(GanTrainer trainer)
    {
        using var scope = NewDisposeScope();
        bool wasTraining = generatorModule.training;
        generatorModule.eval();
        try
        {
            using var _ = inference_mode();
            var output = generate(FixedNoise.narrow(0, 0, samples), fixedLabels?.narrow(0, 0, samples))
                .to(ScalarType.Float32).cpu().contiguous();
            trainer.History.snapshots.Add(new SampleSnapshot(trainer.Step, trainer.Epoch, output.shape, output.data<float>().ToArray()));
        }
        finally
        {
            generatorModule.train(wasTraining);
        }
    }

    public void Dispose()
    {
        FixedNoise.Dispose();
        fixedLabels?.Dispose();
    }
}
