namespace GanCourse;

/// <summary>The image datasets the course uses.</summary>
/// <remarks>Introduced in notebook 00.</remarks>
public enum DatasetName
{
    /// <summary>Handwritten digits 0-9 (LeCun, Cortes and Burges): 60,000 training and 10,000 test images, 28x28.</summary>
    Mnist,

    /// <summary>Zalando's clothing images (Xiao, Rasul and Vollgraf, 2017): 10 classes, 60,000 / 10,000 images, 28x28.</summary>
    FashionMnist,
}

/// <summary>Which part of a dataset: the training set or the test set.</summary>
/// <remarks>Introduced in notebook 00.</remarks>
public enum Split
{
    /// <summary>The 60,000 training images.</summary>
    Train,

    /// <summary>The 10,000 test images.</summary>
    Test,
}

/// <summary>How pixel bytes 0-255 become floats.</summary>
/// <remarks>Introduced in notebook 07.</remarks>
public enum Scaling
{
    /// <summary>x / 255, in [0, 1] (matches a Sigmoid generator output).</summary>
    ZeroOne,

    /// <summary>2x / 255 - 1, in [-1, 1] (matches a Tanh generator output).</summary>
    MinusOneOne,
}
