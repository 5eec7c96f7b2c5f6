using System.Text;

namespace GanCourse;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF
/// shared library. The course uses it for one thing: marking a required GLIBCXX version as weak, so the
/// dynamic loader accepts a system libstdc++ that lacks it (see COURSE-DESIGN.md, section 3).
/// </summary>
public static class ElfVersionNeeds
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;

    /// <summary>One required version: the library it comes from, its name and whether it is weak.</summary>
    public sealed record Requirement(string Library, string Version, bool Weak);

    /// <summary>Lists every version the library requires from its dependencies.</summary>
    public static IReadOnlyList<Requirement> Read(byte[] elf)
    {
        var list = new List<Requirement>();
        Walk(elf, (lib, ver, flagsOffset) =>
            list.Add(new Requirement(lib, ver, (BitConverter.ToUInt16(elf, flagsOffset) & VerFlagWeak) != 0)));
        return list;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on every requirement named <paramref name="version"/> and returns how many entries it changed.
    /// </summary>
    public static int MarkWeak(byte[] elf, string version)
    {
        int changed = 0;
        Walk(elf, (_, ver, flagsOffset) =>
        {
            if (ver != version) return;
            ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
            if ((flags & VerFlagWeak) != 0) return;
            BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, flagsOffset);
            changed++;
        });
        return changed;
    }

    static void Walk(byte[] elf, Action<string, string, int> visit)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file (missing \\x7fELF magic).");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        long shoff = Read64(elf, 0x28);
        int shentsize = Read16(elf, 0x3A), shnum = Read16(elf, 0x3C);
        if (shoff <= 0 || shoff + (long)shentsize * shnum > elf.Length)
            throw new InvalidDataException("ELF section header table lies outside the file (truncated file?).");

        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)(shoff + (long)i * shentsize));
            if (Read32(elf, sh + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)Read64(elf, sh + 0x18));
            int count = checked((int)Read32(elf, sh + 0x2C)); // sh_info: number of Verneed entries
            int strtab = checked((int)(shoff + (long)Read32(elf, sh + 0x28) * shentsize));
            int strOffset = checked((int)Read64(elf, strtab + 0x18));

            int need = offset;
            for (int n = 0; n < count; n++)
            {
                int auxCount = Read16(elf, need + 2);
                string lib = CString(elf, strOffset + (int)Read32(elf, need + 4));
                int aux = need + (int)Read32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    visit(lib, CString(elf, strOffset + (int)Read32(elf, aux + 8)), aux + 4);
                    aux += (int)Read32(elf, aux + 12);
                }
                need += (int)Read32(elf, need + 12);
            }
        }
    }

    static ushort Read16(byte[] b, int o) => BitConverter.ToUInt16(b, o);
    static uint Read32(byte[] b, int o) => BitConverter.ToUInt32(b, o);
    static long Read64(byte[] b, int o) => BitConverter.ToInt64(b, o);

    static string CString(byte[] b, int o)
    {
        int end = Array.IndexOf(b, (byte)0, o);
        if (end < 0) throw new InvalidDataException("Unterminated string in ELF string table.");
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
