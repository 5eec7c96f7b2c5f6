using TorchSharp.Modules;

namespace GanCourse;

/// <summary>Parameters that do not require gradients until the returned object is disposed.</summary>
sealed class Frozen : IDisposable
{
    readonly Parameter[] parameters;

    Frozen(Parameter[] parameters) => this.parameters = parameters;

    /// <summary>Stops <paramref name="parameters"/> requiring gradients: operations on them build no graph for them.</summary>
    public static Frozen Parameters(Parameter[] parameters)
    {
        foreach (var p in parameters) p.requires_grad = false;
        return new Frozen(parameters);
    }

    public void Dispose()
    {
        foreach (var p in parameters) p.requires_grad = true;
    }
}
