using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A direction in a generator's noise space that changes one measured property of its images, and a walk along it
/// that checks what the direction claims: the property moves while the classifier still reads the same digit.
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public static class LatentDirection
{
    /// <summary>
    /// The within-class direction of a property: for each class c among <paramref name="classes"/> [N], sort its noise
    /// vectors <paramref name="noise"/> [N, zDim] by <paramref name="property"/> [N] and take the mean of the top
    /// <paramref name="fraction"/> minus the mean of the bottom <paramref name="fraction"/>; the direction is the mean of
    /// these differences over the classes with at least 10 members. Comparing within a class keeps "more of the property"
    /// from meaning "another class". Returns a unit vector [zDim].
    /// </summary>
    public static Tensor WithinClass(Tensor noise, Tensor classes, Tensor property, double fraction = 0.2)
    {
        Require.NotNull(noise, nameof(noise));
        Require.NotNull(property, nameof(property));
        if (noise.dim() != 2 || noise.size(0) < 1)
            throw new ArgumentException($"noise must be [N, zDim] with N ≥ 1; got [{string.Join(", ", noise.shape)}].", nameof(noise));
        long n = noise.size(0);
        Require.Labels(classes, n, int.MaxValue, nameof(LatentDirection));
        if (property.dim() != 1 || property.size(0) != n)
            throw new ArgumentException($"property must hold one value per noise vector, shape [{n}]; got [{string.Join(", ", property.shape)}].", nameof(property));
        if (!(fraction > 0 && fraction <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction is the share of each class taken from each end: it must lie in (0, 0.5], e.g. 0.2.");
        using var scope = NewDisposeScope();
        var differences = new List<Tensor>();
        foreach (long c in classes.unique().Item1.data<long>().ToArray())
        {
            var members = classes.eq(c).nonzero().flatten();
            long count = members.size(0), take = (long)(count * fraction);
            if (count < 10 || take < 1) continue;                  // too few samples of this class to compare
            var sorted = members.index_select(0, property.index_select(0, members).argsort());
            differences.Add(noise.index_select(0, sorted.narrow(0, count - take, take)).mean([0]) -
                            noise.index_select(0, sorted.narrow(0, 0, take)).mean([0]));
        }
        if (differences.Count == 0)
            throw new ArgumentException("no class has 10 or more samples: draw more noise vectors to fit a direction.", nameof(classes));
        var direction = stack(differences).mean([0]);
        double length = direction.norm().item<float>();
        if (!(length > 0))
            throw new ArgumentException("the property is the same at both ends of every class, so it gives no direction: pick a property that varies.", nameof(property));
        return (direction / length).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Walks <paramref name="noise"/> [N, zDim] along <paramref name="direction"/> [zDim]: at each strength s draws
    /// <paramref name="draw"/>(z + s·direction) (images with pixels in [0, 1]) and reports the mean of
    /// <paramref name="property"/> over the images and the share that <paramref name="classifier"/> reads as the same
    /// class as at s = 0.
    /// </summary>
    public static IReadOnlyList<LatentStep> Walk(MnistClassifier classifier, Func<Tensor, Tensor> draw, Tensor noise,
        Tensor direction, IReadOnlyList<double> strengths, Func<Tensor, Tensor> property)
    {
        Require.NotNull(classifier, nameof(classifier));
        Require.NotNull(draw, nameof(draw));
        Require.NotNull(noise, nameof(noise));
        Require.NotNull(property, nameof(property));
        Require.NotEmpty(strengths, nameof(strengths));
        if (noise.dim() != 2 || direction.dim() != 1 || direction.size(0) != noise.size(1))
            throw new ArgumentException(
                $"direction must be one vector [zDim] for noise [N, zDim]; got [{string.Join(", ", direction.shape)}] and [{string.Join(", ", noise.shape)}].",
                nameof(direction));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var start = classifier.Predict(draw(noise));
        return strengths.Select(s =>
        {
            using var stepScope = NewDisposeScope();
            var images = draw(noise + s * direction);
            double same = classifier.Predict(images).eq(start).to_type(ScalarType.Float64).mean().item<double>();
            double value = property(images).to_type(ScalarType.Float64).mean().item<double>();
            return new LatentStep(s, value, same);
        }).ToList();
    }
}

/// <summary>
/// One point of a <see cref="LatentDirection.Walk"/>: at <see cref="Strength"/>, the mean <see cref="Property"/> of the
/// images and the share of them read as the same digit as at strength 0 (<see cref="SameDigit"/>, in [0, 1]).
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed record LatentStep(double Strength, double Property, double SameDigit);
