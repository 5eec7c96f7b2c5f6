using NotebookRunner.Notebooks;
using NotebookRunner.Packages;

namespace NotebookRunner.Execution;

/// <summary>How a code cell will run: its parsed directives and code, or why it is skipped.</summary>
sealed record CellPlan(CellCode Code, string? Skip)
{
    /// <summary>One plan per cell of the notebook; null for markdown and raw cells.</summary>
    public static List<CellPlan?> For(Notebook notebook)
    {
        string defaultKernel = notebook.DefaultKernel;
        return notebook.Cells.Select(c => c.IsCode ? For(c, defaultKernel) : null).ToList();
    }

    static CellPlan For(Cell cell, string defaultKernel)
    {
        CellCode code = CellCode.Parse(cell.Source);
        string kernel = code.OtherKernel ?? cell.Kernel(defaultKernel);
        string? skip = CellCode.IsCSharp(kernel)
            ? null
            : $"this cell is for the '{kernel}' kernel; the headless runner runs C# cells only";
        return new CellPlan(code, skip);
    }

    /// <summary>Restores the packages of every C# cell (null when there are none); see <see cref="PackageRestore"/>.</summary>
    public static RestoredPackages? RestorePackages(IEnumerable<CellPlan?> plans, string notebookDir)
    {
        var run = plans.OfType<CellPlan>().Where(p => p.Skip == null).ToList();
        var packages = run.SelectMany(p => p.Code.Packages).ToList();
        if (packages.Count == 0) return null;
        return PackageRestore.Restore(packages, run.SelectMany(p => p.Code.Sources).Select(s => s.Source).ToList(), notebookDir);
    }
}
