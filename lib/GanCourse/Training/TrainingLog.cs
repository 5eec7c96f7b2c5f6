namespace GanCourse;

/// <summary>
/// A progress receiver for <see cref="GanTrainer"/> that prints one compact line every <see cref="Every"/> steps, at
/// once and on the training thread (unlike <see cref="Progress{T}"/>, which prints later, on another thread, so
/// lines would arrive out of order or after the cell has finished).
/// </summary>
public sealed class TrainingLog : IProgress<TrainingProgress>
{
    readonly TextWriter writer;
    readonly string prefix;
    int nextStep = -1;

    /// <summary>Prints a line at the first report at or after every multiple of <paramref name="every"/> steps.</summary>
    /// <param name="every">Steps between lines (the trainer reports every <see cref="GanTrainerOptions.ReportEvery"/> steps, so
    /// lines come at the first report at or after each multiple).</param>
    /// <param name="prefix">Put before each line, e.g. the run's name.</param>
    /// <param name="writer">Where the lines go; default the console.</param>
    public TrainingLog(int every, string prefix = "", TextWriter? writer = null)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "every (steps between printed lines) must be at least 1.");
        Every = every;
        this.prefix = prefix.Length == 0 || prefix.EndsWith(' ') ? prefix : prefix + " ";
        this.writer = writer ?? Console.Out;
    }

    /// <summary>Steps between printed lines.</summary>
    public int Every { get; }

    /// <summary>Lines printed so far.</summary>
    public int Lines { get; private set; }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        if (nextStep < 0) nextStep = (value.Step / Every + (value.Step % Every == 0 ? 0 : 1)) * Every;
        bool last = value.Step >= value.TargetStep;
        if (value.Step < nextStep && !last) return;
        writer.WriteLine(prefix + value);
        Lines++;
        nextStep = (value.Step / Every + 1) * Every;
    }
}
