using BeFree.Core.Conversations;

namespace BeFree.Tests.Core.Conversations;

public sealed class PhoneMaskingTests
{
    [Theory]
    [InlineData("+15551234567", "+1 ••• ••• 4567")]
    [InlineData("+1 (555) 123-4567", "+1 ••• ••• 4567")]
    [InlineData("+447700900123", "+••• ••• 0123")]
    [InlineData("+5215512345678", "+••• ••• 5678")]
    [InlineData("5551234567", "••• ••• 4567")]
    [InlineData("233733", "••••33")]
    [InlineData("+233733", "••••33")]
    [InlineData("12", "••12")]
    [InlineData("", "unknown number")]
    [InlineData(null, "unknown number")]
    [InlineData("Anonymous", "hidden number")]
    public void Masks_all_but_the_last_digits(string? number, string expected)
        => Assert.Equal(expected, PhoneMasking.Mask(number));
}
