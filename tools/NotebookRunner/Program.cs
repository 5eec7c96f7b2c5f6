using NotebookRunner;
using NotebookRunner.Execution;
using NotebookRunner.Notebooks;

try
{
    if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
    {
        Console.WriteLine(RunOptions.Usage);
        return args.Length == 0 ? 2 : 0;
    }
    RunOptions options = RunOptions.Parse(args[1..]);
    if (options.Help)
    {
        Console.WriteLine(RunOptions.Usage);
        return 0;
    }
    switch (args[0])
    {
        case "run":
            return CourseRunner.Run(options);
        case "exec": // one notebook, in this process; `run` starts one of these per notebook
            return NotebookExecutor.Exec(options);
        default:
            throw new UsageException($"unknown command \"{args[0]}\"; the command is `run`.");
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine($"NotebookRunner: {e.Message}");
    Console.Error.WriteLine("Run `NotebookRunner --help` for the options.");
    return 2;
}
