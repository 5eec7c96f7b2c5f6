using static TorchSharp.torch;

namespace GanCourse;

/// <summary>A discriminator loss J(D) from D's logits on a real batch and on a generated batch; returns a scalar.</summary>
public delegate Tensor DiscriminatorLossFn(Tensor realLogits, Tensor fakeLogits);

/// <summary>A generator loss J(G) from D's logits on a generated batch; returns a scalar.</summary>
public delegate Tensor GeneratorLossFn(Tensor fakeLogits);
