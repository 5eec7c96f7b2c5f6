/// <summary>
/// What the course's sweep tools (tools/*Sweep) share: appending rows to one CSV file that several sweeps, running at
/// once, may write to. Each tool links this file (`&lt;Compile Include="../SweepCsv/SweepCsv.cs" /&gt;`).
/// </summary>
static class SweepCsv
{
    /// <summary>
    /// Appends <paramref name="row"/> (and <paramref name="header"/> first, to a new or empty file) while holding the
    /// file exclusively, so several sweeps running at once can share one CSV without interleaving their lines.
    /// </summary>
    public static void Append(string path, string header, string row)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.Seek(0, SeekOrigin.End);
                using var writer = new StreamWriter(stream);
                if (stream.Length == 0) writer.WriteLine(header);
                writer.WriteLine(row);
                return;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(100);   // another sweep is writing its row
            }
        }
    }
}
