namespace GanCourse;

/// <summary>
/// Something that watches <see cref="GanTrainer"/>'s loop without being part of Algorithm 1: the snapshots, the
/// divergence guard, the checkpoints and the progress reports.
/// </summary>
interface ITrainingObserver
{
    /// <summary>Before the first step of a call to Run or RunEpochs.</summary>
    void RunStarting(GanTrainer trainer) { }

    /// <summary>
    /// After the values of steps <paramref name="firstStep"/> to <see cref="GanTrainer.Step"/> were read into
    /// <see cref="GanTrainer.History"/>: every <see cref="GanTrainerOptions.ReportEvery"/> steps, when a run stops,
    /// and before a checkpoint is written.
    /// </summary>
    void Recorded(GanTrainer trainer, int firstStep) { }

    /// <summary>After each step (<see cref="GanTrainer.Step"/> already counts it).</summary>
    void StepDone(GanTrainer trainer) { }
}

/// <summary>Writes a checkpoint every <see cref="GanTrainerOptions.CheckpointEvery"/> steps.</summary>
sealed class Checkpointer : ITrainingObserver
{
    public void StepDone(GanTrainer trainer)
    {
        var options = trainer.Options;
        if (options.CheckpointEvery > 0 && trainer.Step % options.CheckpointEvery == 0) trainer.SaveCheckpoint(options.CheckpointPath!);
    }
}

/// <summary>Sends a <see cref="TrainingProgress"/> to <paramref name="progress"/> each time values are recorded.</summary>
sealed class ProgressReporter(IProgress<TrainingProgress> progress, int targetStep, int startStep) : ITrainingObserver
{
    readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    int lastStep = startStep;
    TimeSpan lastTime;

    public void Recorded(GanTrainer trainer, int firstStep)
    {
        var now = clock.Elapsed;
        double seconds = (now - lastTime).TotalSeconds;
        double speed = seconds > 0 ? (trainer.Step - lastStep) / seconds : 0;
        var h = trainer.History;
        int last = h.Count - 1;
        progress.Report(new TrainingProgress(trainer.Step, targetStep, trainer.Epoch, h.DiscriminatorLoss[last], h.GeneratorLoss[last],
            h.RealScore[last], h.FakeScore[last], speed, now));
        lastStep = trainer.Step;
        lastTime = now;
    }
}
