using Microsoft.OpenApi;

namespace InsightEngine.Service.Api;

/// <summary>Documents the query parameters an endpoint reads from <c>HttpRequest.Query</c> in the OpenAPI document.</summary>
public static class OpenApiParameters
{
    /// <summary>Adds each of <paramref name="names"/> as an optional string query parameter of the endpoint's operation.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, IReadOnlyList<string> names) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var name in names)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name, In = ParameterLocation.Query, Required = false, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });
}
