namespace GanCourse;

/// <summary>
/// What a <see cref="GanTrainer"/> recorded: one entry per training step (one generator update after k
/// discriminator updates) in each list, epoch ends, and fixed-noise sample snapshots. Entry i belongs to step i + 1.
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed class TrainingHistory
{
    /// <summary>What each step records, in the order of <see cref="Append"/>'s values.</summary>
    internal static readonly IReadOnlyList<string> Quantities =
        ["discriminator loss", "generator loss", "mean D(x)", "mean D(G(z))", "discriminator gradient norm", "generator gradient norm"];

    internal readonly List<float> discriminatorLoss = [], generatorLoss = [], realScore = [], fakeScore = [],
        discriminatorGradNorm = [], generatorGradNorm = [];
    internal readonly List<int> epochEnds = [];
    internal readonly List<SampleSnapshot> snapshots = [];

    /// <summary>Number of steps recorded.</summary>
    public int Count => discriminatorLoss.Count;

    /// <summary>Discriminator loss J(D) per step (the mean over the step's k discriminator updates).</summary>
    public IReadOnlyList<float> DiscriminatorLoss => discriminatorLoss;

    /// <summary>Generator loss J(G) per step.</summary>
    public IReadOnlyList<float> GeneratorLoss => generatorLoss;

    /// <summary>Mean D(x) on the real batches of each step: the discriminator's belief that real data is real.</summary>
    public IReadOnlyList<float> RealScore => realScore;

    /// <summary>Mean D(G(z)) on the generated batches of the discriminator updates of each step.</summary>
    public IReadOnlyList<float> FakeScore => fakeScore;

    /// <summary>L2 norm of the whole discriminator gradient (all parameters together) at its last update of each step.</summary>
    public IReadOnlyList<float> DiscriminatorGradNorm => discriminatorGradNorm;

    /// <summary>L2 norm of the whole generator gradient at each step's update.</summary>
    public IReadOnlyList<float> GeneratorGradNorm => generatorGradNorm;

    /// <summary>The steps at which an epoch (one pass over the data) was completed, in order.</summary>
    public IReadOnlyList<int> EpochEnds => epochEnds;

    /// <summary>Generator samples from the trainer's fixed noise, in the order taken (step 0 = before training).</summary>
    public IReadOnlyList<SampleSnapshot> Snapshots => snapshots;

    internal void Append(ReadOnlySpan<float> row)
    {
        discriminatorLoss.Add(row[0]);
        generatorLoss.Add(row[1]);
        realScore.Add(row[2]);
        fakeScore.Add(row[3]);
        discriminatorGradNorm.Add(row[4]);
        generatorGradNorm.Add(row[5]);
    }

    internal void Write(BinaryWriter w)
    {
        foreach (var list in Series()) { w.Write(list.Count); foreach (float v in list) w.Write(v); }
        w.Write(epochEnds.Count);
        foreach (int s in epochEnds) w.Write(s);
        w.Write(snapshots.Count);
        foreach (var s in snapshots) s.Write(w);
    }

    internal void Read(BinaryReader r)
    {
        foreach (var list in Series())
        {
            list.Clear();
            int n = r.ReadInt32();
            for (int i = 0; i < n; i++) list.Add(r.ReadSingle());
        }
        epochEnds.Clear();
        int e = r.ReadInt32();
        for (int i = 0; i < e; i++) epochEnds.Add(r.ReadInt32());
        snapshots.Clear();
        int s = r.ReadInt32();
        for (int i = 0; i < s; i++) snapshots.Add(SampleSnapshot.Read(r));
    }

    /// <summary>The recorded series in the order of <see cref="Quantities"/>.</summary>
    internal List<float>[] Series() =>
        [discriminatorLoss, generatorLoss, realScore, fakeScore, discriminatorGradNorm, generatorGradNorm];
}
