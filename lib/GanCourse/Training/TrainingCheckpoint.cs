using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The file a <see cref="GanTrainer"/> checkpoint is: everything needed to continue training exactly as if it had
/// never stopped. In order (BinaryWriter encoding): a magic string, the format version, the number of bytes that
/// follow (so a cut-off file is recognised before anything is loaded), the <see cref="CheckpointHeader"/> (what the
/// run must match), the <see cref="TrainingState"/> (step, position in the data, random generators), both models,
/// both optimizers, the snapshots' fixed noise and the <see cref="TrainingHistory"/>. Written through
/// <see cref="AtomicFile"/>, so a reader never sees a half-written checkpoint.
/// </summary>
static class TrainingCheckpoint
{
    const string Magic = "GanCourse.GanTrainer.Checkpoint";
    // 3: the length of the rest after the version. 2 (still read): batch norms without num_batches_tracked (Layers).
    const int FormatVersion = 3, OldestReadable = 2;

    public static void Save(GanTrainer trainer, string path) => AtomicFile.Write(path, stream =>
    {
        using var scope = NewDisposeScope();
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        long lengthAt = stream.Position;
        w.Write(0L); // patched below, once the length is known
        CheckpointHeader.Of(trainer).Write(w);
        TrainingState.Of(trainer).Write(w);
        trainer.GeneratorModule.save(w);
        trainer.DiscriminatorModule.save(w);
        trainer.GeneratorOptimizer.Write(w);
        trainer.DiscriminatorOptimizer.Write(w);
        trainer.Snapshots.FixedNoise.Save(w);
        trainer.History.Write(w);
        w.Flush();
        long end = stream.Position;
        stream.Position = lengthAt;
        w.Write(end - lengthAt - sizeof(long));
        w.Flush();
        stream.Position = end;
    });

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="trainer"/>. Every fault is an <see cref="InvalidDataException"/>
    /// naming the file and what is wrong: not a checkpoint, another format, cut short or damaged (expected length vs
    /// actual), written by a run with other models or settings.
    /// </summary>
    public static void Load(GanTrainer trainer, string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No checkpoint at {full}; write one with SaveCheckpoint(path) or GanTrainerOptions.CheckpointPath.", full);
        using var scope = NewDisposeScope();
        using var stream = File.OpenRead(full);
        using var r = new BinaryReader(stream);
        try
        {
            string magic;
            try { magic = r.ReadString(); }
            catch (EndOfStreamException) { magic = ""; }
            if (magic != Magic) throw new InvalidDataException($"{full} is not a GanTrainer checkpoint.");
            int version = r.ReadInt32();
            if (version is < OldestReadable or > FormatVersion)
                throw new InvalidDataException($"{full} has checkpoint format {version}; this library reads formats {OldestReadable} to {FormatVersion}.");
            if (version >= 3)
            {
                long expected = r.ReadInt64(), actual = stream.Length - stream.Position;
                if (actual != expected)
                    throw new InvalidDataException(
                        $"The checkpoint {full} is {(actual < expected ? "truncated" : "corrupt")}: it should be " +
                        $"{expected + stream.Position:N0} bytes long but is {stream.Length:N0} bytes (copied or written only in part). " +
                        "Delete it and train again, or use an intact copy.");
            }
            CheckpointHeader.Read(r).Expect(CheckpointHeader.Of(trainer), full);
            var state = TrainingState.Read(r);
            state.Check(trainer, full);
            LoadModel(trainer.GeneratorModule, r, "generator", full);
            LoadModel(trainer.DiscriminatorModule, r, "discriminator", full);
            trainer.GeneratorOptimizer.Read(r, "generator");
            trainer.DiscriminatorOptimizer.Read(r, "discriminator");
            using (no_grad()) trainer.Snapshots.FixedNoise.Load(r);
            trainer.History.Read(r);
            if (stream.Position != stream.Length)
                throw new InvalidDataException($"The checkpoint {full} is corrupt: {stream.Length - stream.Position:N0} bytes follow its end.");
            state.ApplyTo(trainer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(
                $"The checkpoint {full} is truncated or corrupt: its data ended at byte {stream.Position:N0} of {stream.Length:N0} " +
                "before the checkpoint was complete. Delete it and train again, or use an intact copy.", e);
        }
    }

    static void LoadModel(nn.Module model, BinaryReader r, string player, string path)
    {
        try
        {
            model.load(r);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException(
                $"The checkpoint {path} holds a {player} that does not fit this trainer's: {e.Message} " +
                "Resume with the same models (same sizes) as the run that wrote it.", e);
        }
    }

    internal static void WriteArray<T>(BinaryWriter w, T[] values) where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    internal static T[] ReadArray<T>(BinaryReader r) where T : unmanaged
    {
        int n = r.ReadInt32(), size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var bytes = r.ReadBytes(checked(n * size));
        if (bytes.Length != n * size) throw new EndOfStreamException();
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}

/// <summary>What a checkpoint must match to be resumed: the model types, the kind of GAN, the data and the batching.</summary>
record CheckpointHeader(string GeneratorType, string DiscriminatorType, bool Conditional, long Examples, int BatchSize, int ZDim,
    int DiscriminatorSteps)
{
    public static CheckpointHeader Of(GanTrainer t) =>
        new(t.GeneratorModule.GetType().FullName!, t.DiscriminatorModule.GetType().FullName!, t.Batches.Labelled, t.Batches.Examples,
            t.Options.BatchSize, t.Options.ZDim, t.Options.DiscriminatorSteps);

    public void Write(BinaryWriter w)
    {
        w.Write(GeneratorType);
        w.Write(DiscriminatorType);
        w.Write(Conditional);
        w.Write(Examples);
        w.Write(BatchSize);
        w.Write(ZDim);
        w.Write(DiscriminatorSteps);
    }

    public static CheckpointHeader Read(BinaryReader r) =>
        new(r.ReadString(), r.ReadString(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());

    /// <summary>Throws, naming the first difference, unless this header (the file's) equals <paramref name="expected"/> (the trainer's).</summary>
    public void Expect(CheckpointHeader expected, string path)
    {
        Same(GeneratorType, expected.GeneratorType, "generator type");
        Same(DiscriminatorType, expected.DiscriminatorType, "discriminator type");
        Same(Conditional ? "conditional" : "unconditional", expected.Conditional ? "conditional" : "unconditional", "kind of GAN");
        Same(Examples, expected.Examples, "number of training examples");
        Same(BatchSize, expected.BatchSize, "BatchSize");
        Same(ZDim, expected.ZDim, "ZDim");
        Same(DiscriminatorSteps, expected.DiscriminatorSteps, "DiscriminatorSteps (k)");

        void Same<T>(T found, T wanted, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(found, wanted))
                throw new InvalidDataException(
                    $"The checkpoint {path} was written with {what} = {found}, but this trainer has {wanted}. " +
                    "Resume with the same models, data and options as the run that wrote it.");
        }
    }
}

/// <summary>Where training stands: the step, the position in the data and the states of both random generators.</summary>
record TrainingState(int Step, BatchPosition Batches, byte[] TrainerRng, byte[] TorchRng)
{
    public static TrainingState Of(GanTrainer t) =>
        new(t.Step, t.Batches.Position, t.Rng.get_state().data<byte>().ToArray(), torch.random.get_rng_state().data<byte>().ToArray());

    public void Write(BinaryWriter w)
    {
        w.Write(Step);
        w.Write(Batches.Epoch);
        w.Write(Batches.Cursor);
        w.Write(Batches.EpochEnded);
        w.Write(Batches.Order is not null);
        if (Batches.Order is not null) TrainingCheckpoint.WriteArray(w, Batches.Order);
        TrainingCheckpoint.WriteArray(w, TrainerRng);
        TrainingCheckpoint.WriteArray(w, TorchRng);
    }

    public static TrainingState Read(BinaryReader r)
    {
        int step = r.ReadInt32(), epoch = r.ReadInt32();
        long cursor = r.ReadInt64();
        bool ended = r.ReadBoolean();
        long[]? order = r.ReadBoolean() ? TrainingCheckpoint.ReadArray<long>(r) : null;
        return new(step, new BatchPosition(epoch, cursor, ended, order), TrainingCheckpoint.ReadArray<byte>(r), TrainingCheckpoint.ReadArray<byte>(r));
    }

    /// <summary>
    /// Throws unless the state is one training can reach: every step takes k batches and every epoch
    /// <see cref="ShuffledBatches.PerEpoch"/> of them, so the epoch is ⌊step·k / batches per epoch⌋.
    /// </summary>
    public void Check(GanTrainer t, string path)
    {
        long batches = (long)Step * t.Options.DiscriminatorSteps, perEpoch = t.Batches.PerEpoch;
        if (Step < 0 || Batches.Epoch != batches / perEpoch)
            throw new InvalidDataException(
                $"The checkpoint {path} is corrupt: it holds step {Step} and epoch {Batches.Epoch}, but {Step} steps of " +
                $"k = {t.Options.DiscriminatorSteps} batches with {perEpoch} batches per epoch end in epoch {batches / perEpoch}.");
    }

    public void ApplyTo(GanTrainer t)
    {
        using var scope = NewDisposeScope();
        t.Rng.set_state(tensor(TrainerRng));
        torch.random.set_rng_state(tensor(TorchRng));
        t.Batches.Position = Batches;
        t.Step = Step;
    }
}
