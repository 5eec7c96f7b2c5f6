using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Trains a GAN by Algorithm 1 of the GAN paper (Goodfellow et al., 2014): each step makes k discriminator updates,
/// each on a fresh real minibatch and a fresh noise minibatch, then one generator update on a fresh noise minibatch.
/// Around the loop (see <see cref="ITrainingObserver"/>): the <see cref="History"/> of losses, D(x), D(G(z)) and
/// gradient norms, fixed-noise snapshots, progress reports, a stop on NaN/Inf (<see cref="TrainingDivergedException"/>)
/// and checkpoints from which <see cref="Resume"/> continues exactly as if training had never stopped.
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed class GanTrainer : IDisposable
{
    readonly Func<Tensor, Tensor?, Tensor> generate, discriminate;
    readonly Parameter[] discriminatorParameters;
    readonly Tensor noise;
    readonly StepRecorder recorder;
    readonly DivergenceGuard guard = new();
    readonly ITrainingObserver[] observers;
    bool disposed;

    /// <summary>
    /// A trainer for an unconditional GAN. <paramref name="data"/> is [N, ...] (e.g. MNIST's Flat [N, 784] or Images
    /// [N, 1, 28, 28], or [N, 2] points); both models are moved to its device. Use one trainer per pair of models at a
    /// time, and do not move the models while it is in use (the fast path keeps their parameters in one buffer).
    /// </summary>
    public GanTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, Tensor data,
        GanTrainerOptions? options = null)
        : this(generator, discriminator, (z, _) => generator.forward(z), (x, _) => discriminator.forward(x), data, null,
            options ?? new GanTrainerOptions()) { }

    /// <summary>
    /// A trainer for a conditional GAN: <paramref name="labels"/> [N] holds the class of each example. Generated batches
    /// get the labels of the real batch of the same update (G's update those of the last one), so classes appear as
    /// often as in the data.
    /// </summary>
    /// <remarks>Introduced in notebook 06.</remarks>
    public GanTrainer(nn.Module<Tensor, Tensor, Tensor> generator, nn.Module<Tensor, Tensor, Tensor> discriminator,
        Tensor data, Tensor labels, GanTrainerOptions? options = null)
        : this(generator, discriminator, (z, y) => generator.forward(z, y!), (x, y) => discriminator.forward(x, y!), data,
            labels ?? throw new ArgumentNullException(nameof(labels), "A conditional GAN needs the class labels of the data."),
            options ?? new GanTrainerOptions()) { }

    GanTrainer(nn.Module generator, nn.Module discriminator, Func<Tensor, Tensor?, Tensor> generate,
        Func<Tensor, Tensor?, Tensor> discriminate, Tensor data, Tensor? labels, GanTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        ShuffledBatches.Check(data, labels, options.BatchSize);
        (Options, GeneratorModule, DiscriminatorModule, this.generate, this.discriminate) = (options, generator, discriminator, generate, discriminate);
        foreach (var model in new[] { generator, discriminator }) model.to(data.device).train();
        discriminatorParameters = [.. discriminator.parameters()];
        Rng = new Generator((ulong)options.Seed, data.device);
        GeneratorOptimizer = PlayerOptimizers.Create(generator, "generator", options.GeneratorLearningRate, options);
        DiscriminatorOptimizer = PlayerOptimizers.Create(discriminator, "discriminator", options.DiscriminatorLearningRate, options);
        using (NewDisposeScope()) noise = empty([options.BatchSize, options.ZDim], ScalarType.Float32, data.device).DetachFromDisposeScope();
        Snapshots = new Snapshots(generator, generate, labels, options, data.device, Rng);
        Batches = new ShuffledBatches(data, labels, options.BatchSize, Rng);
        recorder = new StepRecorder(options.DiscriminatorSteps);
        observers = [guard, Snapshots, new Checkpointer()];
    }

    /// <summary>The settings this trainer runs with.</summary>
    public GanTrainerOptions Options { get; }

    /// <summary>Everything recorded so far (restored by <see cref="Resume"/>).</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>Training steps done: generator updates (each after k discriminator updates).</summary>
    public int Step { get; internal set; }

    /// <summary>Complete passes over the data done.</summary>
    public int Epoch => Batches.Epoch;

    /// <summary>Batches of real data in one epoch (incomplete batches are skipped).</summary>
    public long BatchesPerEpoch => Batches.PerEpoch;

    /// <summary>Runs <paramref name="steps"/> more training steps; returns <see cref="History"/>.</summary>
    public TrainingHistory Run(int steps, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must not be negative.");
        return RunUntil(Step + steps, () => false, progress, cancellation);
    }

    /// <summary>Runs until <paramref name="epochs"/> more epochs are complete; returns <see cref="History"/>.</summary>
    public TrainingHistory RunEpochs(int epochs, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "epochs must not be negative.");
        int targetEpoch = Epoch + epochs, k = Options.DiscriminatorSteps;
        long batchesLeft = targetEpoch * BatchesPerEpoch - (long)Step * k; // every step takes k batches
        return RunUntil(int.MaxValue, () => Epoch >= targetEpoch, progress, cancellation, shownTarget: Step + (int)((batchesLeft + k - 1) / k));
    }

    TrainingHistory RunUntil(int target, Func<bool> done, IProgress<TrainingProgress>? progress, CancellationToken cancellation, int? shownTarget = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ITrainingObserver[] watching = progress is null ? observers : [.. observers, new ProgressReporter(progress, shownTarget ?? target, Step)];
        foreach (var o in watching) o.RunStarting(this);
        try
        {
            while (Step < target && !done())
            {
                cancellation.ThrowIfCancellationRequested();
                TrainStep();
                Step++;
                if (Batches.EpochEnded) History.epochEnds.Add(Step);
                if (Step % Options.ReportEvery == 0) Record(watching);
                foreach (var o in watching) o.StepDone(this);
            }
        }
        finally
        {
            if (recorder.Pending > 0 && !disposed) Record(watching);
        }
        return History;
    }

    /// <summary>One iteration of Algorithm 1: k updates of the discriminator, then one of the generator.</summary>
    void TrainStep()
    {
        using var scope = NewDisposeScope();
        var loss = Options.Loss;
        bool norms = Options.RecordGradientNorms;
        Tensor? y = null;
        for (int i = 0; i < Options.DiscriminatorSteps; i++)
        {
            // (1) Update D: maximize log D(x) + log(1 - D(G(z))), i.e. minimise J(D), on m real examples and m fakes.
            (Tensor x, y) = Batches.Next();
            Tensor fake;
            using (no_grad()) fake = generate(noise.normal_(0, 1, Rng), y);
            DiscriminatorOptimizer.ZeroGrad();
            Tensor realLogits = discriminate(x, y), fakeLogits = discriminate(fake, y);
            Tensor dLoss = loss.Discriminator(realLogits, fakeLogits);
            dLoss.backward();
            recorder.Discriminator(dLoss, realLogits, fakeLogits, DiscriminatorOptimizer.Step(norms && i == Options.DiscriminatorSteps - 1));
        }

        // (2) Update G: minimise J(G) on m fresh fakes (non-saturating: maximize log D(G(z))).
        GeneratorOptimizer.ZeroGrad();
        Tensor gLoss;
        using (Frozen.Parameters(discriminatorParameters)) // D's own gradients are not needed: no graph for them
        {
            gLoss = loss.Generator(discriminate(generate(noise.normal_(0, 1, Rng), y), y));
            gLoss.backward();
        }
        recorder.Generator(gLoss, GeneratorOptimizer.Step(norms));
    }

    /// <summary>Reads the recorded values into <see cref="History"/> and tells <paramref name="watching"/>.</summary>
    void Record(IEnumerable<ITrainingObserver> watching)
    {
        int firstStep = History.Count + 1;
        recorder.MoveTo(History);
        foreach (var o in watching) o.Recorded(this, firstStep);
    }

    /// <summary>
    /// Writes everything needed to continue to <paramref name="path"/>, atomically (see <see cref="TrainingCheckpoint"/>);
    /// refuses (with <see cref="TrainingDivergedException"/>) to write a state that holds NaN/Inf.
    /// </summary>
    /// <remarks>Introduced in notebook 07 (through <see cref="Checkpoints.TrainOrLoad"/>).</remarks>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Record([guard]);
        TrainingCheckpoint.Save(this, path);
        LastCheckpoint = (Path.GetFullPath(path), Step);
    }

    /// <summary>
    /// Loads a checkpoint of a trainer built like this one (same model types, data, batch size, z length and k); then
    /// <see cref="Run"/> continues exactly as the original would have, with this trainer's learning rates. A damaged or
    /// mismatched file gives an <see cref="InvalidDataException"/> that names it and says what is wrong.
    /// </summary>
    /// <remarks>Introduced in notebook 07 (through <see cref="Checkpoints.TrainOrLoad"/>).</remarks>
    public void Resume(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        TrainingCheckpoint.Load(this, path);
        recorder.Clear();
        LastCheckpoint = (Path.GetFullPath(path), Step);
    }

    internal nn.Module GeneratorModule { get; }
    internal nn.Module DiscriminatorModule { get; }
    internal IPlayerOptimizer GeneratorOptimizer { get; }
    internal IPlayerOptimizer DiscriminatorOptimizer { get; }
    internal Generator Rng { get; }
    internal ShuffledBatches Batches { get; }
    internal Snapshots Snapshots { get; }
    internal (string Path, int Step)? LastCheckpoint { get; private set; }

    /// <summary>Releases the trainer's tensors and optimizers (not the models or the data).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var part in new IDisposable[] { recorder, GeneratorOptimizer, DiscriminatorOptimizer, noise, Snapshots, Batches, Rng }) part.Dispose();
    }
}
