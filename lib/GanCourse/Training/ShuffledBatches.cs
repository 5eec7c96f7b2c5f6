using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The real minibatches of Algorithm 1: the examples (the rows of one tensor held in memory) in a new random order
/// each epoch, cut into batches of a fixed size (an incomplete last batch is skipped), each taken by index.
/// </summary>
sealed class ShuffledBatches(Tensor data, Tensor? labels, int batchSize, Generator rng) : IDisposable
{
    readonly long count = data.size(0);
    Tensor? order;
    long cursor;

    /// <summary>Throws, saying what to change, unless <paramref name="data"/> (and <paramref name="labels"/>) can be batched.</summary>
    public static void Check(Tensor data, Tensor? labels, int batchSize)
    {
        if (data.ndim < 2 || !data.is_floating_point())
            throw new ArgumentException(
                $"data must be a floating-point tensor [N, ...] with one example per row; got {data.dtype} [{string.Join(", ", data.shape)}]. " +
                "For points in the plane use [N, 2]; for one number per example use [N, 1].", nameof(data));
        long count = data.size(0);
        if (count < batchSize)
            throw new ArgumentException(
                $"data has {count} examples, fewer than one batch (BatchSize {batchSize}); lower GanTrainerOptions.BatchSize.", nameof(data));
        if (labels is not null && (labels.ndim != 1 || labels.size(0) != count || labels.is_floating_point()))
            throw new ArgumentException(
                $"labels must be an integer tensor [{count}] (one class per example); got {labels.dtype} [{string.Join(", ", labels.shape)}].",
                nameof(labels));
    }

    /// <summary>Complete passes over the data.</summary>
    public int Epoch { get; private set; }

    /// <summary>Whether the last batch taken completed an epoch.</summary>
    public bool EpochEnded { get; private set; }

    /// <summary>Number of examples.</summary>
    public long Examples => count;

    /// <summary>Whether each example has a class label (a conditional GAN).</summary>
    public bool Labelled => labels is not null;

    /// <summary>Batches in one epoch.</summary>
    public long PerEpoch => count / batchSize;

    /// <summary>The next batch of examples and, for a conditional GAN, their labels.</summary>
    public (Tensor Real, Tensor? Labels) Next()
    {
        if (order is null || cursor + batchSize > count)
        {
            order?.Dispose();
            order = randperm(count, ScalarType.Int64, data.device, generator: rng).DetachFromDisposeScope();
            cursor = 0;
        }
        Tensor index = order.narrow(0, cursor, batchSize);
        cursor += batchSize;
        EpochEnded = cursor + batchSize > count;
        if (EpochEnded) Epoch++;
        return (data.index_select(0, index), labels?.index_select(0, index));
    }

    /// <summary>Where in the data the batches stand (what a checkpoint keeps of them).</summary>
    public BatchPosition Position
    {
        get => new(Epoch, cursor, EpochEnded, order?.cpu().data<long>().ToArray());
        set
        {
            (Epoch, cursor, EpochEnded) = (value.Epoch, value.Cursor, value.EpochEnded);
            order?.Dispose();
            order = value.Order is null ? null : tensor(value.Order).to(data.device).DetachFromDisposeScope();
        }
    }

    public void Dispose() => order?.Dispose();
}

/// <summary>
/// The position of <see cref="ShuffledBatches"/> in the data: epochs completed, the index of the next example in
/// the current order, whether the last batch completed an epoch, and the current order (null before the first batch).
/// </summary>
record BatchPosition(int Epoch, long Cursor, bool EpochEnded, long[]? Order);
