namespace GanCourse;

/// <summary>
/// Saved training runs, so an instructor can show a long run in class without waiting for it: a full-profile run
/// writes <c>checkpoints/&lt;notebook&gt;/&lt;run&gt;.ckpt</c> under the repository root (git-ignored), and
/// <see cref="TrainOrLoad"/> loads such a file instead of training when it is there.
/// </summary>
/// <remarks>Introduced in notebook 07.</remarks>
public static class Checkpoints
{
    /// <summary>Set GAN_COURSE_CHECKPOINTS to keep checkpoints somewhere other than the repository's checkpoints/ folder.</summary>
    public const string FolderVariable = "GAN_COURSE_CHECKPOINTS";

    /// <summary>
    /// The checkpoint folder: $GAN_COURSE_CHECKPOINTS if set, else checkpoints/ at the repository root, else
    /// checkpoints/ under the course's cache folder (<see cref="CoursePaths.CacheRoot"/>).
    /// </summary>
    public static string Folder => ResolveFolder(Environment.GetEnvironmentVariable(FolderVariable), CoursePaths.RepositoryRoot,
        CoursePaths.CacheRoot);

    internal static string ResolveFolder(string? variable, string? repositoryRoot, string cacheRoot) =>
        !string.IsNullOrEmpty(variable) ? Path.GetFullPath(variable)
        : Path.Combine(repositoryRoot ?? cacheRoot, "checkpoints");

    /// <summary>
    /// The file of one run of one notebook: <c>&lt;Folder&gt;/&lt;notebook&gt;/&lt;run&gt;.ckpt</c>, e.g.
    /// <c>checkpoints/07-mnist-mlp-gan/lecture.ckpt</c>. Names may hold lower-case letters, digits, '-' and '.'.
    /// </summary>
    public static string PathFor(string notebook, string run) => PathFor(Folder, notebook, run);

    internal static string PathFor(string folder, string notebook, string run)
    {
        CheckName(notebook, nameof(notebook));
        CheckName(run, nameof(run));
        return Path.Combine(folder, notebook, run + ".ckpt");
    }

    /// <summary>
    /// Brings <paramref name="trainer"/> to <paramref name="steps"/> training steps. When <paramref name="load"/> is
    /// true and <paramref name="path"/> exists, the saved run is loaded first (models, optimizers, history, snapshots);
    /// if it already holds at least <paramref name="steps"/> steps nothing is trained, otherwise training continues
    /// from it. Without a checkpoint the trainer trains from where it stands. When the trainer's options name a
    /// <see cref="GanTrainerOptions.CheckpointPath"/>, the final state is saved there. The outcome says which happened.
    /// </summary>
    public static TrainingOutcome TrainOrLoad(GanTrainer trainer, int steps, string path, bool load = true,
        IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must not be negative.");

        string fullPath = Path.GetFullPath(path);
        bool loaded = false;
        int loadedStep = 0;
        if (load && File.Exists(fullPath))
        {
            try
            {
                trainer.Resume(fullPath);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException(
                    $"Cannot continue from the checkpoint {fullPath}: {e.Message} To train from scratch instead, delete it " +
                    "(or set useCheckpoints = false) and run again.", e);
            }
            loaded = true;
            loadedStep = trainer.Step;
        }

        int before = trainer.Step;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (trainer.Step < steps) trainer.Run(steps - trainer.Step, progress);
        var elapsed = clock.Elapsed;
        int trained = trainer.Step - before;
        string? savedTo = null;
        if (trainer.Options.CheckpointPath is string savePath && trained > 0)
        {
            trainer.SaveCheckpoint(savePath);
            savedTo = Path.GetFullPath(savePath);
        }
        return new TrainingOutcome(loaded ? fullPath : null, loadedStep, trained, trainer.Step, trainer.Epoch, elapsed, savedTo);
    }

    static void CheckName(string name, string parameter)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => !(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.')) ||
            name.StartsWith('.'))
            throw new ArgumentException(
                $"{parameter} \"{name}\" is not a valid checkpoint name: use lower-case letters, digits, '-' and '.', e.g. \"07-mnist-mlp-gan\".",
                parameter);
    }
}

/// <summary>What <see cref="Checkpoints.TrainOrLoad"/> did.</summary>
/// <remarks>Introduced in notebook 07.</remarks>
/// <param name="LoadedFrom">The checkpoint loaded, or null when training started from the trainer's own state.</param>
/// <param name="LoadedStep">The step the loaded checkpoint held (0 when none was loaded).</param>
/// <param name="StepsTrained">Steps trained in this call (0 when the checkpoint already held enough).</param>
/// <param name="Step">The trainer's step count afterwards.</param>
/// <param name="Epoch">The trainer's completed epochs afterwards.</param>
/// <param name="Elapsed">Wall-clock time spent training in this call.</param>
/// <param name="SavedTo">Where the final state was saved, or null.</param>
public sealed record TrainingOutcome(
    string? LoadedFrom, int LoadedStep, int StepsTrained, int Step, int Epoch, TimeSpan Elapsed, string? SavedTo)
{
    /// <summary>True when a checkpoint was loaded.</summary>
    public bool Loaded => LoadedFrom is not null;

    /// <summary>Training speed in this call (steps per second of wall-clock time; NaN when nothing was trained).</summary>
    public double StepsPerSecond => StepsTrained > 0 ? StepsTrained / Elapsed.TotalSeconds : double.NaN;

    /// <inheritdoc/>
    public override string ToString()
    {
        string text = Loaded
            ? StepsTrained == 0
                ? $"Loaded checkpoint {LoadedFrom} ({LoadedStep} steps, {Epoch} epochs, trained earlier): no training in this run."
                : $"Loaded checkpoint {LoadedFrom} at step {LoadedStep}, then trained {StepsTrained} more steps to step {Step} " +
                  $"in {Elapsed.TotalSeconds:F1} s ({StepsPerSecond:F1} steps/s)."
            : $"Trained {StepsTrained} steps (now at step {Step}, {Epoch} epochs) in {Elapsed.TotalSeconds:F1} s ({StepsPerSecond:F1} steps/s).";
        return SavedTo is null ? text : $"{text} Saved to {SavedTo}.";
    }
}
