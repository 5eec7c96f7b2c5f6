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
/// <remarks>Introduced in notebook 01.</remarks>
public readonly record struct TrainingProgress(
    int Step, int TargetStep, int Epoch, float DiscriminatorLoss, float GeneratorLoss, float RealScore, float FakeScore,
    double StepsPerSecond, TimeSpan Elapsed)
{
    /// <summary>Whether the run has reached <see cref="TargetStep"/>.</summary>
    public bool Done => Step >= TargetStep;

    /// <summary>The time the remaining steps take at <see cref="StepsPerSecond"/> (null when the speed is unknown).</summary>
    public TimeSpan? TimeLeft => Done ? TimeSpan.Zero
        : StepsPerSecond > 0 ? TimeSpan.FromSeconds((TargetStep - Step) / StepsPerSecond) : null;

    /// <summary>
    /// A one-line summary, e.g. <c>step 1200/3000 | epoch 2 | D loss 0.4213 | G loss 1.4520 | D(x) 0.712 | D(G(z)) 0.281 |
    /// 31.2 steps/s | 58 s left</c> (at the end: <c>done in 1 min 36 s</c>).
    /// </summary>
    public override string ToString() =>
        $"step {Step}/{TargetStep} | epoch {Epoch} | D loss {DiscriminatorLoss:F4} | G loss {GeneratorLoss:F4} | " +
        $"D(x) {RealScore:F3} | D(G(z)) {FakeScore:F3} | {StepsPerSecond:F1} steps/s | " +
        (Done ? $"done in {Duration(Elapsed)}" : TimeLeft is { } left ? $"{Duration(left)} left" : "time left unknown");

    /// <summary>A duration the way people read it: "42 s", "3 min 05 s", "1 h 02 min".</summary>
    internal static string Duration(TimeSpan t)
    {
        t = TimeSpan.FromSeconds(Math.Round(t.TotalSeconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min"
            : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s"
            : $"{t.Seconds} s";
    }
}
