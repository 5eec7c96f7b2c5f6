using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Trains a GAN by Algorithm 1 of the GAN paper (Goodfellow et al., 2014): each step makes k discriminator updates,
/// each on a fresh real minibatch and a fresh noise minibatch, then one generator update on a fresh noise minibatch.
/// The data is one tensor held in memory ([N, ...], first dimension = examples), batched by index in a new random
/// order each epoch. Records losses, D(x), D(G(z)) and gradient norms per step in <see cref="History"/>, takes
/// fixed-noise snapshots, reports progress, stops on NaN/Inf with <see cref="TrainingDivergedException"/>, and writes
/// checkpoints from which <see cref="Resume"/> continues exactly as if training had never stopped.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    const string Magic = "GanCourse.GanTrainer.Checkpoint";
    const int FormatVersion = 2;   // 2: batch norms without num_batches_tracked (Layers)

    readonly nn.Module generatorModule, discriminatorModule;
    readonly Func<Tensor, Tensor?, Tensor> generate, discriminate;
    readonly Tensor data;
    readonly Tensor? labels;
    readonly long count;
    readonly Device device;
    readonly Generator rng;
    readonly FlatParameters generatorParameters, discriminatorParameters;
    readonly PlayerOptimizer generatorOptimizer, discriminatorOptimizer;
    readonly Tensor noise, fixedNoise;
    readonly Tensor? fixedLabels;
    readonly List<Tensor> pending = [];
    readonly DiscriminatorLossFn discriminatorLoss;
    readonly GeneratorLossFn generatorLoss;
    // Made once (the losses use LossConstants): an implicit double → Scalar conversion allocates a native object freed
    // only by a finalizer.
    readonly Scalar inverseK;
    Tensor? realTarget, fakeTarget, generatorTarget;
    Tensor? order;
    long cursor;
    bool epochEnded, disposed;
    string? lastGoodCheckpoint;
    int? lastGoodCheckpointStep;
    Stopwatch? runClock;
    int lastReportStep;
    TimeSpan lastReportTime;

    /// <summary>
    /// A trainer for an unconditional GAN. <paramref name="data"/> is [N, ...] (e.g. MNIST's Flat [N, 784] or Images
    /// [N, 1, 28, 28], or [N, 2] points); both models are moved to its device. Each model's parameters are then
    /// gathered into one buffer (their values and identities stay; see <see cref="FlatParameters"/>), so use one
    /// trainer per pair of models at a time, and do not move the models while it is in use.
    /// </summary>
    public GanTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, Tensor data,
        GanTrainerOptions? options = null)
        : this(generator, discriminator, (z, _) => generator.forward(z), (x, _) => discriminator.forward(x), data, null,
            options ?? new GanTrainerOptions())
    {
    }

    /// <summary>
    /// A trainer for a conditional GAN: <paramref name="labels"/> [N] holds the class of each example. Real batches
    /// are scored with their own labels; generated batches use the labels of the real batch of the same update
    /// (and the generator update those of the last real batch), so classes appear as often as in the data.
    /// </summary>
    public GanTrainer(nn.Module<Tensor, Tensor, Tensor> generator, nn.Module<Tensor, Tensor, Tensor> discriminator,
        Tensor data, Tensor labels, GanTrainerOptions? options = null)
        : this(generator, discriminator, (z, y) => generator.forward(z, y!), (x, y) => discriminator.forward(x, y!), data,
            labels ?? throw new ArgumentNullException(nameof(labels), "A conditional GAN needs the class labels of the data."),
            options ?? new GanTrainerOptions())
    {
    }

    GanTrainer(nn.Module generator, nn.Module discriminator, Func<Tensor, Tensor?, Tensor> generate,
        Func<Tensor, Tensor?, Tensor> discriminate, Tensor data, Tensor? labels, GanTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        Options = options;
        if (data.ndim < 2 || !data.is_floating_point())
            throw new ArgumentException(
                $"data must be a floating-point tensor [N, ...] with one example per row; got {data.dtype} [{string.Join(", ", data.shape)}]. " +
                "For points in the plane use [N, 2]; for one number per example use [N, 1].", nameof(data));
        count = data.size(0);
        if (count < options.BatchSize)
            throw new ArgumentException(
                $"data has {count} examples, fewer than one batch (BatchSize {options.BatchSize}); lower GanTrainerOptions.BatchSize.",
                nameof(data));
        if (labels is not null && (labels.ndim != 1 || labels.size(0) != count || labels.is_floating_point()))
            throw new ArgumentException(
                $"labels must be an integer tensor [{count}] (one class per example); got {labels.dtype} [{string.Join(", ", labels.shape)}].",
                nameof(labels));

        generatorModule = generator;
        discriminatorModule = discriminator;
        this.generate = generate;
        this.discriminate = discriminate;
        this.data = data;
        this.labels = labels;
        device = data.device;
        generator.to(device);
        discriminator.to(device);
        generator.train();
        discriminator.train();
        inverseK = (1.0 / options.DiscriminatorSteps).ToScalar();
        discriminatorLoss = options.DiscriminatorLoss ?? StandardDiscriminatorLoss;
        generatorLoss = options.GeneratorLoss ?? NonSaturatingGeneratorLoss;

        rng = new Generator((ulong)options.Seed, device);
        // The flat buffers and optimizer states detach themselves from any caller's dispose scope; so do these.
        generatorParameters = new FlatParameters(generator, "generator");
        discriminatorParameters = new FlatParameters(discriminator, "discriminator");
        generatorOptimizer = new PlayerOptimizer(generatorParameters, options.Optimizer, options.GeneratorLearningRate,
            options.Beta1, options.Beta2, options.Momentum);
        discriminatorOptimizer = new PlayerOptimizer(discriminatorParameters, options.Optimizer, options.DiscriminatorLearningRate,
            options.Beta1, options.Beta2, options.Momentum);
        using var keep = NewDisposeScope();
        noise = empty([options.BatchSize, options.ZDim], ScalarType.Float32, device).DetachFromDisposeScope();
        fixedNoise = Noise.Sample(Math.Max(1, options.SnapshotSamples), options.ZDim, device, rng).DetachFromDisposeScope();
        if (labels is not null)
        {
            long classes = labels.max().item<long>() + 1;
            fixedLabels = arange(fixedNoise.size(0), ScalarType.Int64, device).remainder(classes).DetachFromDisposeScope();
        }
    }

    /// <summary>The settings this trainer runs with.</summary>
    public GanTrainerOptions Options { get; }

    /// <summary>Everything recorded so far (restored by <see cref="Resume"/>).</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>Training steps done: generator updates (each after k discriminator updates).</summary>
    public int Step { get; private set; }

    /// <summary>Complete passes over the data done.</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches of real data in one epoch (incomplete batches are skipped).</summary>
    public long BatchesPerEpoch => count / Options.BatchSize;

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
        int targetEpoch = Epoch + epochs;
        long batchesLeft = (targetEpoch - Epoch) * BatchesPerEpoch - (order is null ? 0 : cursor / Options.BatchSize);
        int estimate = Step + (int)Math.Ceiling(Math.Max(0, batchesLeft) / (double)Options.DiscriminatorSteps);
        return RunUntil(int.MaxValue, () => Epoch >= targetEpoch, progress, cancellation, estimate);
    }

    TrainingHistory RunUntil(int target, Func<bool> done, IProgress<TrainingProgress>? progress, CancellationToken cancellation,
        int? reportedTarget = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        runClock = Stopwatch.StartNew();
        lastReportStep = Step;
        lastReportTime = TimeSpan.Zero;
        int shownTarget = reportedTarget ?? target;
        generatorParameters.AttachGradients();
        discriminatorParameters.AttachGradients();
        if (Step == 0 && History.Snapshots.Count == 0 && Options.SnapshotSamples > 0) TakeSnapshot();
        try
        {
            while (Step < target && !done())
            {
                cancellation.ThrowIfCancellationRequested();
                TrainStep();
                Step++;
                if (epochEnded) History.epochEnds.Add(Step);
                if (Options.SnapshotSamples > 0 &&
                    ((Options.SnapshotEvery > 0 && Step % Options.SnapshotEvery == 0) || (epochEnded && Options.SnapshotAtEpochEnd)))
                    TakeSnapshot();
                if (Step % Options.ReportEvery == 0) Flush(progress, shownTarget);
                if (Options.CheckpointEvery > 0 && Step % Options.CheckpointEvery == 0) SaveCheckpoint(Options.CheckpointPath!);
            }
        }
        finally
        {
            if (pending.Count > 0 && !disposed) Flush(progress, shownTarget);
        }
        return History;
    }

    /// <summary>One step of Algorithm 1: k discriminator updates, then one generator update.</summary>
    void TrainStep()
    {
        using var scope = NewDisposeScope();
        int k = Options.DiscriminatorSteps;
        Tensor? dLossSum = null, realScoreSum = null, fakeScoreSum = null, dNorm = null, y = null;
        for (int i = 0; i < k; i++)
        {
            (Tensor real, y) = NextBatch();
            Tensor fake;
            using (no_grad()) fake = generate(DrawNoise(), y);
            discriminatorParameters.ZeroGradients();
            Tensor realLogits = discriminate(real, y);
            Tensor fakeLogits = discriminate(fake, y);
            Tensor loss = discriminatorLoss(realLogits, fakeLogits);
            loss.backward();
            dNorm = discriminatorOptimizer.Step(gradientNorm: Options.RecordGradientNorms && i == k - 1) ?? dNorm;
            using (no_grad())
            {
                Tensor d = loss.detach(), r = realLogits.sigmoid().mean(), f = fakeLogits.sigmoid().mean();
                dLossSum = dLossSum is null ? d : dLossSum + d;
                realScoreSum = realScoreSum is null ? r : realScoreSum + r;
                fakeScoreSum = fakeScoreSum is null ? f : fakeScoreSum + f;
            }
        }

        generatorParameters.ZeroGradients();
        Tensor gLoss;
        discriminatorParameters.SetRequiresGrad(false); // D's own gradients are not needed for G's update
        try
        {
            Tensor fake = generate(DrawNoise(), y);
            gLoss = generatorLoss(discriminate(fake, y));
            gLoss.backward();
        }
        finally
        {
            discriminatorParameters.SetRequiresGrad(true);
        }
        Tensor? gNorm = generatorOptimizer.Step(gradientNorm: Options.RecordGradientNorms);

        using (no_grad())
        {
            Tensor zero = zeros([], ScalarType.Float32, device);
            var row = stack([
                Mean(dLossSum!), gLoss.detach(), Mean(realScoreSum!), Mean(fakeScoreSum!), dNorm ?? zero, gNorm ?? zero,
            ]).to(ScalarType.Float32);
            pending.Add(row.DetachFromDisposeScope());
        }
    }

    Tensor Mean(Tensor sumOverK) => Options.DiscriminatorSteps == 1 ? sumOverK : sumOverK * inverseK;

    (Tensor Real, Tensor? Labels) NextBatch()
    {
        int b = Options.BatchSize;
        if (order is null || cursor + b > count)
        {
            order?.Dispose();
            order = randperm(count, ScalarType.Int64, device, generator: rng).DetachFromDisposeScope();
            cursor = 0;
            epochEnded = false;
        }
        Tensor index = order.narrow(0, cursor, b);
        cursor += b;
        epochEnded = cursor + b > count;
        if (epochEnded) Epoch++;
        return (data.index_select(0, index), labels?.index_select(0, index));
    }

    Tensor DrawNoise() => noise.normal_(0, 1, rng);

    Tensor StandardDiscriminatorLoss(Tensor realLogits, Tensor fakeLogits)
    {
        realTarget ??= full_like(realLogits, Options.RealLabel).DetachFromDisposeScope();
        fakeTarget ??= zeros_like(fakeLogits).DetachFromDisposeScope();
        var realLoss = nn.functional.binary_cross_entropy_with_logits(realLogits, realTarget);
        var fakeLoss = nn.functional.binary_cross_entropy_with_logits(fakeLogits, fakeTarget);
        return (realLoss + fakeLoss) * LossConstants.Half;
    }

    Tensor NonSaturatingGeneratorLoss(Tensor fakeLogits)
    {
        generatorTarget ??= ones_like(fakeLogits).DetachFromDisposeScope();
        return nn.functional.binary_cross_entropy_with_logits(fakeLogits, generatorTarget);
    }

    void TakeSnapshot()
    {
        using var scope = NewDisposeScope();
        bool wasTraining = generatorModule.training;
        generatorModule.eval();
        try
        {
            using var _ = inference_mode();
            var samples = generate(fixedNoise.narrow(0, 0, Options.SnapshotSamples),
                fixedLabels?.narrow(0, 0, Options.SnapshotSamples)).to(ScalarType.Float32).cpu().contiguous();
            History.snapshots.Add(new SampleSnapshot(Step, Epoch, samples.shape, samples.data<float>().ToArray()));
        }
        finally
        {
            generatorModule.train(wasTraining);
        }
    }

    /// <summary>Reads the pending per-step values into the history, checks them and the weights, reports progress.</summary>
    void Flush(IProgress<TrainingProgress>? progress = null, int? target = null)
    {
        if (pending.Count == 0) return;
        float[] values;
        using (var scope = NewDisposeScope())
            values = stack(pending).cpu().data<float>().ToArray();
        int firstStep = Step - pending.Count + 1;
        foreach (var t in pending) t.Dispose();
        pending.Clear();
        ReleaseFinalizedNativeObjects();

        string[] names = ["discriminator loss", "generator loss", "mean D(x)", "mean D(G(z))", "discriminator gradient norm", "generator gradient norm"];
        for (int r = 0; r < values.Length / names.Length; r++)
        {
            var row = values.AsSpan(r * names.Length, names.Length);
            History.Append(row);
            for (int c = 0; c < names.Length; c++)
                if (!float.IsFinite(row[c])) throw Diverged(firstStep + r, names[c], row[c]);
        }
        CheckWeights(generatorParameters, "generator");
        CheckWeights(discriminatorParameters, "discriminator");

        if (progress is not null && runClock is not null)
        {
            var now = runClock.Elapsed;
            double seconds = (now - lastReportTime).TotalSeconds;
            double speed = seconds > 0 ? (Step - lastReportStep) / seconds : 0;
            int last = History.Count - 1;
            progress.Report(new TrainingProgress(Step, target ?? Step, Epoch, History.discriminatorLoss[last],
                History.generatorLoss[last], History.realScore[last], History.fakeScore[last], speed, now));
            lastReportStep = Step;
            lastReportTime = now;
        }
    }

    /// <summary>
    /// TorchSharp frees some native objects (e.g. Scalars made from numbers by implicit conversion, inside modules
    /// too) only in finalizers, and the .NET heap stays too small to trigger a collection for a long time. Those
    /// small objects, left between the large tensor buffers of each step, fragment the native heap: RSS then grows
    /// by about 0.5 MB per step of the lecture's GAN (measured; see tools/Bench/README.md). A young-generation
    /// collection every report, a millisecond or so, keeps RSS flat.
    /// </summary>
    static void ReleaseFinalizedNativeObjects()
    {
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    void CheckWeights(FlatParameters parameters, string player)
    {
        if (parameters.FirstNonFinite() is var (name, isNaN))
            throw Diverged(Step, $"{player} weight {name}", isNaN ? float.NaN : float.PositiveInfinity);
    }

    TrainingDivergedException Diverged(int step, string quantity, float value)
    {
        string what = float.IsNaN(value) ? "NaN" : "infinite";
        string where = lastGoodCheckpoint is null
            ? "No checkpoint had been written; set GanTrainerOptions.CheckpointPath and CheckpointEvery to keep one."
            : $"The last good checkpoint is {lastGoodCheckpoint} (step {lastGoodCheckpointStep}); " +
              "continue from it with a new trainer's Resume(path), e.g. with a lower learning rate.";
        return new TrainingDivergedException(
            $"Training diverged at step {step} (epoch {Epoch}): the {quantity} became {what}. {where} " +
            "Usual causes: a learning rate too high, or a loss that takes the log of 0 (use logits with BCE-with-logits).",
            step, quantity, lastGoodCheckpoint, lastGoodCheckpointStep);
    }

    /// <summary>
    /// Writes a checkpoint to <paramref name="path"/> atomically (temporary file, then rename): both models, both
    /// optimizers, the step and epoch, the batch order, the random generators' states, the fixed noise and the history.
    /// Refuses (with <see cref="TrainingDivergedException"/>) to write a state that holds NaN/Inf.
    /// </summary>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Flush();
        CheckWeights(generatorParameters, "generator");
        CheckWeights(discriminatorParameters, "discriminator");
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var w = new BinaryWriter(stream))
            {
                WriteCheckpoint(w);
                w.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        lastGoodCheckpoint = full;
        lastGoodCheckpointStep = Step;
    }

    void WriteCheckpoint(BinaryWriter w)
    {
        using var scope = NewDisposeScope();
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(generatorModule.GetType().FullName!);
        w.Write(discriminatorModule.GetType().FullName!);
        w.Write(labels is not null);
        w.Write(count);
        w.Write(Options.BatchSize);
        w.Write(Options.ZDim);
        w.Write(Options.DiscriminatorSteps);
        w.Write(Step);
        w.Write(Epoch);
        w.Write(cursor);
        w.Write(epochEnded);
        w.Write(order is not null);
        if (order is not null) WriteArray(w, order.cpu().data<long>().ToArray());
        WriteArray(w, rng.get_state().data<byte>().ToArray());
        WriteArray(w, torch.random.get_rng_state().data<byte>().ToArray());
        generatorModule.save(w);
        discriminatorModule.save(w);
        generatorOptimizer.Write(w);
        discriminatorOptimizer.Write(w);
        fixedNoise.Save(w);
        History.Write(w);
    }

    /// <summary>
    /// Loads a checkpoint written by <see cref="SaveCheckpoint"/> into this trainer (built, like the one that wrote it,
    /// from models of the same types, the same data and the same batch size, z length and k), after which
    /// <see cref="Run"/> continues exactly as the original would have. Learning rates are taken from this trainer's
    /// options, so a run can be resumed with a lower one.
    /// </summary>
    public void Resume(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No checkpoint at {Path.GetFullPath(path)}; write one with SaveCheckpoint(path) " +
                                            "or GanTrainerOptions.CheckpointPath.", path);
        using var scope = NewDisposeScope();
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream);
        string magic;
        try { magic = r.ReadString(); }
        catch (EndOfStreamException) { magic = ""; }
        if (magic != Magic) throw new InvalidDataException($"{path} is not a GanTrainer checkpoint.");
        int version = r.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"{path} has checkpoint format {version}; this library reads format {FormatVersion}.");
        Expect(r.ReadString(), generatorModule.GetType().FullName!, "generator type");
        Expect(r.ReadString(), discriminatorModule.GetType().FullName!, "discriminator type");
        Expect(r.ReadBoolean() ? "conditional" : "unconditional", labels is not null ? "conditional" : "unconditional", "kind of GAN");
        Expect(r.ReadInt64(), count, "number of training examples");
        Expect(r.ReadInt32(), Options.BatchSize, "BatchSize");
        Expect(r.ReadInt32(), Options.ZDim, "ZDim");
        Expect(r.ReadInt32(), Options.DiscriminatorSteps, "DiscriminatorSteps (k)");

        int step = r.ReadInt32(), epoch = r.ReadInt32();
        long cursorAt = r.ReadInt64();
        bool ended = r.ReadBoolean();
        Tensor? savedOrder = r.ReadBoolean() ? tensor(ReadArray<long>(r, sizeof(long))).to(device) : null;
        var rngState = tensor(ReadArray<byte>(r, 1));
        var globalState = tensor(ReadArray<byte>(r, 1));
        generatorModule.load(r);
        discriminatorModule.load(r);
        generatorOptimizer.Read(r, "generator");
        discriminatorOptimizer.Read(r, "discriminator");
        using (no_grad()) fixedNoise.Load(r);
        History.Read(r);

        rng.set_state(rngState);
        torch.random.set_rng_state(globalState);
        order?.Dispose();
        order = savedOrder?.DetachFromDisposeScope();
        cursor = cursorAt;
        epochEnded = ended;
        Step = step;
        Epoch = epoch;
        foreach (var t in pending) t.Dispose();
        pending.Clear();
        lastGoodCheckpoint = Path.GetFullPath(path);
        lastGoodCheckpointStep = step;

        void Expect<T>(T found, T expected, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(found, expected))
                throw new InvalidDataException(
                    $"The checkpoint {path} was written with {what} = {found}, but this trainer has {expected}. " +
                    "Resume with the same models, data and options as the run that wrote it.");
        }
    }

    static void WriteArray<T>(BinaryWriter w, T[] values) where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    static T[] ReadArray<T>(BinaryReader r, int size) where T : unmanaged
    {
        int n = r.ReadInt32();
        var bytes = r.ReadBytes(checked(n * size));
        if (bytes.Length != n * size) throw new InvalidDataException("The checkpoint is truncated.");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>Releases the trainer's tensors and optimizers (not the models or the data).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in pending) t.Dispose();
        pending.Clear();
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        generatorParameters.Dispose();
        discriminatorParameters.Dispose();
        noise.Dispose();
        fixedNoise.Dispose();
        fixedLabels?.Dispose();
        realTarget?.Dispose();
        fakeTarget?.Dispose();
        generatorTarget?.Dispose();
        order?.Dispose();
        rng.Dispose();
        inverseK.Dispose();
    }
}
