using System.Reflection;
using System.Runtime.Loader;

namespace NotebookRunner.Book;

/// <summary>
/// The book's one copy of plotly.js, taken from the Plotly.NET assembly the notebooks used (Plotly.NET embeds the
/// minified plotly.js it targets, with its licence).
/// </summary>
static class PlotlyJs
{
    /// <summary>Writes plotly.js (and its licence) into <paramref name="dir"/> from the first assembly found;
    /// returns false when no notebook loaded Plotly.NET.</summary>
    public static bool WriteTo(string dir, string fileName, IEnumerable<string?> plotlyAssemblies)
    {
        string? assemblyPath = plotlyAssemblies.FirstOrDefault(File.Exists);
        if (assemblyPath == null) return false;
        var context = new AssemblyLoadContext("plotly.js", isCollectible: true);
        try
        {
            Assembly plotly = context.LoadFromAssemblyPath(assemblyPath);
            string[] names = plotly.GetManifestResourceNames();
            string script = names.FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal))
                            ?? throw new InvalidOperationException($"{assemblyPath} embeds no plotly.js (resources: {string.Join(", ", names)}).");
            Copy(plotly, script, Path.Combine(dir, fileName));
            string? license = names.FirstOrDefault(n => n == script + ".LICENSE.txt");
            if (license != null) Copy(plotly, license, Path.Combine(dir, fileName + ".LICENSE.txt"));
            return true;
        }
        finally
        {
            context.Unload();
        }
    }

    static void Copy(Assembly assembly, string resource, string path)
    {
        using Stream source = assembly.GetManifestResourceStream(resource)!;
        using FileStream target = File.Create(path);
        source.CopyTo(target);
    }
}
