namespace GanCourse;

/// <summary>
/// Shows a <see cref="GanTrainer"/>'s progress (losses, D(x), D(G(z)), steps/s, time left). In a notebook kernel it is
/// one line in the cell's output, updated in place at every report; elsewhere (headless, a console, tests, or when a
/// <c>writer</c> is given) it prints one line every <see cref="Every"/> steps and at the end, at once and on the
/// training thread (unlike <see cref="Progress{T}"/>, which prints later, on another thread, so lines would arrive out
/// of order or after the cell has finished). Make one per run: in a notebook its display stays in the cell of its first report.
/// </summary>
/// <remarks>Introduced in notebook 07.</remarks>
public sealed class TrainingLog : IProgress<TrainingProgress>
{
    readonly TextWriter? writer;
    readonly string prefix;
    KernelDisplay? display;
    bool lookedForKernel;
    int nextStep = -1;

    /// <summary>A progress display, or lines at the first report at or after every multiple of <paramref name="every"/> steps.</summary>
    /// <param name="every">Steps between printed lines (the trainer reports every <see cref="GanTrainerOptions.ReportEvery"/> steps,
    /// so lines come at the first report at or after each multiple).</param>
    /// <param name="prefix">Put before each line, e.g. the run's name.</param>
    /// <param name="writer">Where lines go. Null (the default): the notebook's progress display when running in a kernel,
    /// else the console.</param>
    public TrainingLog(int every, string prefix = "", TextWriter? writer = null)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "every (steps between printed lines) must be at least 1.");
        Every = every;
        this.prefix = prefix.Length == 0 || prefix.EndsWith(' ') ? prefix : prefix + " ";
        this.writer = writer;
    }

    /// <summary>Steps between printed lines.</summary>
    public int Every { get; }

    /// <summary>Lines printed so far (0 while a notebook's display is updated instead).</summary>
    public int Lines { get; private set; }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        string line = prefix + value;
        if (writer is null && !lookedForKernel)
        {
            lookedForKernel = true;
            if ((display = KernelDisplay.TryShow(line)) is not null) return;
        }
        if (display is not null)
        {
            display.Update(line);
            return;
        }
        if (nextStep < 0) nextStep = (value.Step / Every + (value.Step % Every == 0 ? 0 : 1)) * Every;
        if (value.Step < nextStep && !value.Done) return;
        (writer ?? Console.Out).WriteLine(line);
        Lines++;
        nextStep = (value.Step / Every + 1) * Every;
    }
}
