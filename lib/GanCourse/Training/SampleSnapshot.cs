using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Generator output for the trainer's fixed noise at one moment of training, kept as a float array on the CPU.
/// </summary>
/// <param name="Step">Generator updates done when it was taken (0 = before training).</param>
/// <param name="Epoch">Epochs completed when it was taken.</param>
/// <param name="Shape">Shape of the generator's output, e.g. [16, 784] or [16, 1, 28, 28].</param>
/// <param name="Values">The output values, row-major.</param>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed record SampleSnapshot(int Step, int Epoch, long[] Shape, float[] Values)
{
    /// <summary>The samples as a CPU tensor of <see cref="Shape"/>.</summary>
    public Tensor ToTensor() => tensor(Values, Shape);

    internal void Write(BinaryWriter w)
    {
        w.Write(Step);
        w.Write(Epoch);
        w.Write(Shape.Length);
        foreach (long d in Shape) w.Write(d);
        w.Write(Values.Length);
        foreach (float v in Values) w.Write(v);
    }

    internal static SampleSnapshot Read(BinaryReader r)
    {
        int step = r.ReadInt32(), epoch = r.ReadInt32();
        var shape = new long[r.ReadInt32()];
        for (int i = 0; i < shape.Length; i++) shape[i] = r.ReadInt64();
        var values = new float[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadSingle();
        return new SampleSnapshot(step, epoch, shape, values);
    }
}
