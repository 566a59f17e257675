namespace Resilient.Http.Tests.Handlers;

public sealed class LogicalHostTests
{
    [Theory]
    [InlineData("http://catalog", true)]
    [InlineData("http://catalog/", true)]
    [InlineData("https://Catalog/items?x=1", true)]
    [InlineData("http://catalog:8080/items", true)]
    [InlineData("http://catalog?x", true)]
    [InlineData("http://catalog#top", true)]
    [InlineData("http://catalog:/items", false)]
    [InlineData("http://catalog:80@other/", false)]
    [InlineData("http://catalog@other/", false)]
    [InlineData("http://catalogue/", false)]
    [InlineData("http://catalog.example/", false)]
    [InlineData("ftp://catalog/", false)]
    [InlineData("http://other/catalog", false)]
    [InlineData(" http://catalog/", false)]
    public void Names_TrustsOnlyThePlainSpelling(string original, bool expected) =>
        LogicalHost.Names(original, "catalog").Should().Be(expected);

    [Theory]
    [InlineData("catalog", true)]
    [InlineData("catalog-eu.1", true)]
    [InlineData("", false)]
    [InlineData("cat@log", false)]
    [InlineData("katalög", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("3com", false)]
    public void IsPlainHostName_LettersDigitsDotsAndHyphensOnly(string name, bool expected) =>
        LogicalHost.IsPlainHostName(name).Should().Be(expected);
}
