using GanCourse;

// usage: CourseData [mnist|fashion-mnist|all]...  (default: all)
var known = new Dictionary<string, DatasetName[]>(StringComparer.OrdinalIgnoreCase)
{
    ["mnist"] = [DatasetName.Mnist],
    ["fashion-mnist"] = [DatasetName.FashionMnist],
    ["all"] = [DatasetName.Mnist, DatasetName.FashionMnist],
};
string[] asked = args.Length == 0 ? ["all"] : args;
foreach (string a in asked)
{
    if (!known.ContainsKey(a))
    {
        Console.Error.WriteLine($"course data: unknown dataset '{a}'; choose mnist, fashion-mnist or all.");
        return 2;
    }
}
try
{
    foreach (DatasetName name in asked.SelectMany(a => known[a]).Distinct())
        Console.WriteLine($"{name}: ready in {Datasets.Ensure(name, log: Datasets.ConsoleLog)}");
    return 0;
}
catch (DatasetUnavailableException e)
{
    Console.Error.WriteLine($"course data: {e.Message}");
    return 1;
}
