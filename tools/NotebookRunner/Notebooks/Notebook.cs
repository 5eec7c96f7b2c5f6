using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner.Notebooks;

/// <summary>A notebook read from a .ipynb file, kept as JSON so that metadata the runner does not know survives.</summary>
sealed class Notebook
{
    static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep HTML readable; still valid JSON
    };

    Notebook(JsonObject root, List<Cell> cells)
    {
        Root = root;
        Cells = cells;
    }

    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells, in order.</summary>
    public List<Cell> Cells { get; }

    /// <summary>Reads and checks a notebook; a broken file gives a <see cref="NotebookFormatException"/> naming the problem.</summary>
    public static Notebook Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new NotebookFormatException($"{path}: cannot be read: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> only names the file in messages.</summary>
    public static Notebook Parse(string text, string path)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e)
        {
            throw new NotebookFormatException(
                $"{path}: not valid notebook JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): " +
                $"{FirstSentence(e.Message)} Fix the file, e.g. by re-saving it from VS Code.");
        }
        if (node is not JsonObject root)
            throw new NotebookFormatException($"{path}: a notebook must be a JSON object with a \"cells\" array.");
        if (root["nbformat"]?.GetValueKind() != JsonValueKind.Number || root["nbformat"]!.GetValue<int>() != 4)
            throw new NotebookFormatException(
                $"{path}: only nbformat 4 notebooks are supported (found nbformat {root["nbformat"]?.ToJsonString() ?? "missing"}).");
        if (root["cells"] is not JsonArray cellArray)
            throw new NotebookFormatException($"{path}: the notebook has no \"cells\" array.");

        var cells = new List<Cell>();
        for (int i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
                throw new NotebookFormatException($"{path}: cell {i + 1} is not an object with a \"cell_type\".");
            cells.Add(new Cell(cell));
        }
        return new Notebook(root, cells);
    }

    static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.') + ".";
    }

    /// <summary>Brings the document to nbformat 4.5: every cell gets a unique id (kept where present).</summary>
    public void EnsureCellIds()
    {
        Root["nbformat_minor"] = Math.Max(5, Root["nbformat_minor"]?.GetValue<int>() ?? 0);
        var used = new HashSet<string>(Cells.Select(c => c.Id).OfType<string>());
        for (int i = 0; i < Cells.Count; i++)
        {
            if (Cells[i].Id != null) continue;
            string id = $"cell-{i + 1}";
            for (int n = 2; used.Contains(id); n++) id = $"cell-{i + 1}-{n}";
            used.Add(id);
            Cells[i].Id = id;
        }
    }

    /// <summary>The notebook's default kernel name (Polyglot metadata, else the kernelspec's language).</summary>
    public string DefaultKernel =>
        Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? Root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>()
        ?? "csharp";

    /// <summary>
    /// Why the runner cannot run this notebook, or null when it is a C# notebook: its kernelspec (or Jupyter's
    /// language_info) names another language, e.g. a Python notebook. A notebook that names no language is taken as C#.
    /// </summary>
    public string? OtherLanguage
    {
        get
        {
            JsonNode? metadata = Root["metadata"];
            string? language = metadata?["kernelspec"]?["language"]?.GetValue<string>()
                               ?? metadata?["language_info"]?["name"]?.GetValue<string>();
            if (language == null || Cell.IsCSharp(language)) return null;
            string kernel = metadata?["kernelspec"]?["name"]?.GetValue<string>() is { } name ? $" (kernel {name})" : "";
            return $"the notebook is in {language}{kernel}; the runner runs C# notebooks (.NET Interactive) only";
        }
    }

    /// <summary>Inserts a cell at <paramref name="index"/>.</summary>
    public void Insert(int index, Cell cell)
    {
        Cells.Insert(index, cell);
        ((JsonArray)Root["cells"]!).Insert(index, cell.Json);
    }

    /// <summary>The document as nbformat JSON text.</summary>
    public string ToJson() => Root.ToJsonString(WriteOptions) + "\n";

    /// <summary>
    /// Whether <paramref name="e"/> is a failed write: a full disk or an I/O error (IOException), permissions
    /// (UnauthorizedAccessException), a file-size limit (EFBIG, from ulimit -f or the file system's maximum, which .NET
    /// reports as ArgumentOutOfRangeException "Specified file length was too large for the file system").
    /// </summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    /// <summary>
    /// Writes the notebook atomically: into a new temporary file beside <paramref name="path"/>, then renamed over it, so
    /// a crash or a full disk never leaves half a file (the temporary file is removed when writing fails). A link at
    /// <paramref name="path"/> is replaced, never written through.
    /// </summary>
    public void Save(string path)
    {
        string temp = path + ".tmp";
        File.Delete(temp); // a leftover of a killed run, or a link: never write through it
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
                writer.Write(ToJson());
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (Exception e) when (IsWriteFailure(e)) { /* the first error is the one to report */ }
            throw;
        }
    }
}

/// <summary>The file is not a readable nbformat 4 notebook.</summary>
sealed class NotebookFormatException(string message) : Exception(message);
