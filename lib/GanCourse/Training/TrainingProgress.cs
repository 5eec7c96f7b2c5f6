namespace GanCourse;

/// <summary>A progress report from <see cref="GanTrainer"/>, sent every <see cref="GanTrainerOptions.ReportEvery"/> steps.</summary>
/// <param name="Step">Steps done in total (generator updates).</param>
/// <param name="TargetStep">The step at which the current run will stop.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="DiscriminatorLoss">J(D) at the latest step.</param>
/// <param name="GeneratorLoss">J(G) at the latest step.</param>
/// <param name="RealScore">Mean D(x) at the latest step.</param>
/// <param name="FakeScore">Mean D(G(z)) at the latest step.</param>
/// <param name="StepsPerSecond">Speed over the steps since the previous report.</param>
/// <param name="Elapsed">Time since the current run started.</param>
public readonly record struct TrainingProgress(
    int Step, int TargetStep, int Epoch, float DiscriminatorLoss, float GeneratorLoss, float RealScore, float FakeScore,
    double StepsPerSecond, TimeSpan Elapsed)
{
    /// <summary>A one-line summary, e.g. for a console progress line.</summary>
    public override string ToString() =>
        $"step {Step}/{TargetStep} | epoch {Epoch} | D loss {DiscriminatorLoss:F4} | G loss {GeneratorLoss:F4} | " +
        $"D(x) {RealScore:F3} | D(G(z)) {FakeScore:F3} | {StepsPerSecond:F1} steps/s";
}
