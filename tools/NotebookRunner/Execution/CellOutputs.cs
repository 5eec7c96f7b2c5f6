using System.Text;
using System.Text.Json.Nodes;

namespace NotebookRunner.Execution;

/// <summary>
/// The outputs of one cell as they arrive: stdout and stderr text in order (consecutive writes to one stream form one
/// output), displayed values, the cell's result and its error. Thread-safe: cells may print from other threads.
/// </summary>
sealed class CellOutputs(int executionCount)
{
    /// <summary>Held while outputs change and while a notebook is serialised, so a save never sees half an update.</summary>
    public static readonly Lock Gate = new();

    /// <summary>The cell now running; Console writes and display() land here.</summary>
    public static CellOutputs? Current { get; set; }

    sealed class Stream(string name)
    {
        public string Name { get; } = name;
        public StringBuilder Text { get; } = new();
    }

    readonly List<object> items = []; // Stream or JsonObject
    bool closed;

    public int ExecutionCount { get; } = executionCount;

    /// <summary>Whether an error output was written.</summary>
    public bool HasError { get; private set; }

    public void Write(string streamName, string text)
    {
        if (text.Length == 0) return;
        lock (Gate)
        {
            if (closed) return;
            if (items.Count == 0 || items[^1] is not Stream s || s.Name != streamName)
                items.Add(s = new Stream(streamName));
            s.Text.Append(text);
        }
    }

    /// <summary>Adds a display_data output; the returned object can be updated in place later.</summary>
    public JsonObject Display(JsonObject data) => Add(new JsonObject
    {
        ["output_type"] = "display_data",
        ["data"] = data,
        ["metadata"] = new JsonObject(),
    });

    public void Result(JsonObject data) => Add(new JsonObject
    {
        ["output_type"] = "execute_result",
        ["data"] = data,
        ["execution_count"] = ExecutionCount,
        ["metadata"] = new JsonObject(),
    });

    public void Error(string ename, string evalue, IEnumerable<string> traceback)
    {
        Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)t).ToArray()),
        });
        lock (Gate) HasError = true;
    }

    /// <summary>Replaces the data of an output made by <see cref="Display"/>.</summary>
    public static void Update(JsonObject output, JsonObject data)
    {
        lock (Gate) output["data"] = data;
    }

    JsonObject Add(JsonObject output)
    {
        lock (Gate)
            if (!closed) items.Add(output);
        return output;
    }

    /// <summary>Ignores anything written after this (a timed-out cell's thread may still be running).</summary>
    public void Close()
    {
        lock (Gate) closed = true;
    }

    /// <summary>The outputs as nbformat JSON; call under <see cref="Gate"/>.</summary>
    public JsonArray ToJson()
    {
        var array = new JsonArray();
        foreach (object item in items)
            array.Add(item switch
            {
                Stream s => new JsonObject { ["output_type"] = "stream", ["name"] = s.Name, ["text"] = s.Text.ToString() },
                JsonObject o => o.DeepClone(),
                _ => throw new InvalidOperationException(),
            });
        return array;
    }
}

/// <summary>Console.Out / Console.Error while cells run: text goes to the running cell, else to the terminal.</summary>
sealed class CapturingWriter(string streamName, TextWriter terminal) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        CellOutputs? cell = CellOutputs.Current;
        if (cell != null) cell.Write(streamName, value);
        else lock (terminal) terminal.Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");
}
