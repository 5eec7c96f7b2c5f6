namespace GanCourse;

/// <summary>The squashing function at a generator's output, which fixes the range of its pixels.</summary>
/// <remarks>Introduced in notebook 07.</remarks>
public enum OutputActivation
{
    /// <summary>Pixels in (0, 1): pair with data scaled to [0, 1].</summary>
    Sigmoid,

    /// <summary>Pixels in (-1, 1), as in the DCGAN paper: pair with data scaled to [-1, 1].</summary>
    Tanh,
}
