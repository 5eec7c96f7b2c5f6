using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A discriminator (or critic) loss: takes D's raw outputs (logits; scores for a critic) on a batch of real samples
/// and on a batch of generated samples, any shapes, and returns a differentiable scalar tensor that D minimises.
/// </summary>
public delegate Tensor DiscriminatorLossFn(Tensor realLogits, Tensor fakeLogits);

/// <summary>
/// A generator loss: takes D's raw outputs (logits) on a batch of generated samples and returns a differentiable
/// scalar tensor that G minimises.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public delegate Tensor GeneratorLossFn(Tensor fakeLogits);
