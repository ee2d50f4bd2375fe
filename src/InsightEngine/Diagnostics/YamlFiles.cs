using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Diagnostics;

/// <summary>Reads a user's YAML (or JSON) settings file with the errors every such file gives: missing, or bad YAML at a line.</summary>
public static class YamlFiles
{
    /// <summary>
    /// Parses <paramref name="path"/>; throws <see cref="FileNotFoundException"/> with <paramref name="missing"/> when it does
    /// not exist, and <see cref="InvalidDataException"/> naming the file and line when it is not valid YAML.
    /// </summary>
    public static YamlStream Load(string path, string missing)
    {
        if (!File.Exists(path)) throw new FileNotFoundException(missing, path);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        return yaml;
    }
}
