using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Gaze.Api.OpenApi;

/// <summary>Short constructors for the JSON schemas the document spells out by hand.</summary>
public static class JsonSchemas
{
    public static OpenApiSchema Number(string description, double? minimum = null, double? maximum = null) => new()
    {
        Type = JsonSchemaType.Number,
        Description = description,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static OpenApiSchema NullableNumber(string description) => new() { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = description };

    public static OpenApiSchema Integer(string description, int? minimum = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Description = description,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static OpenApiSchema String(string description, string? pattern = null, JsonSchemaType extra = 0) =>
        new() { Type = JsonSchemaType.String | extra, Description = description, Pattern = pattern };

    public static OpenApiSchema Boolean(string description) => new() { Type = JsonSchemaType.Boolean, Description = description };

    public static OpenApiSchema OneOfStrings(string description, IEnumerable<string> values, JsonSchemaType extra = 0) => new()
    {
        Type = JsonSchemaType.String | extra,
        Description = description,
        Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))],
    };

    public static OpenApiSchema Array(IOpenApiSchema items, string description, int? maxItems = null) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = description, MaxItems = maxItems };

    /// <summary>An object with <paramref name="properties"/>; those marked required must be present.</summary>
    public static OpenApiSchema Object(string description, params (string Name, IOpenApiSchema Schema, bool Required)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties.ToDictionary(property => property.Name, property => property.Schema),
        Required = new HashSet<string>(properties.Where(property => property.Required).Select(property => property.Name)),
    };

    /// <summary>An object whose keys are data (e.g. target coordinates) and whose values all follow <paramref name="values"/>.</summary>
    public static OpenApiSchema Map(string description, IOpenApiSchema values) =>
        new() { Type = JsonSchemaType.Object, Description = description, AdditionalProperties = values };
}
