using TorchSharp;
using Xunit;
public class SmokeTest { [Fact] public void Ones() { GanCourse.NativeTorch.EnsureLoaded(); Assert.Equal(6.0, torch.ones(2,3).sum().item<float>()); } }
