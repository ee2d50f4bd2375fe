using System.Text.RegularExpressions;
using InsightEngine.Import.Files;
using InsightEngine.Service.Hosting;
using InsightEngine.Service.Workers;

namespace InsightEngine.Service.Api;

/// <summary>
/// Import by upload: the file is streamed into <c>INBOX/uploads/</c> under a sanitized name (never outside the inbox,
/// never over another file), imported like any inbox file, and moved to processed/ or failed/. Larger than
/// <see cref="ServiceOptions.MaxUploadBytes"/>: 413; a bad file: 400 with the import's reason.
/// </summary>
public static partial class Uploads
{
    /// <summary>Handles <c>POST /api/imports</c>.</summary>
    public static async Task<IResult> ImportAsync(HttpRequest http, InboxProcessor inbox, ServiceOptions options, CancellationToken cancellationToken)
    {
        if (http.ContentLength > options.MaxUploadBytes) return TooLarge(options);
        Stream body;
        string? name;
        if (http.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection form;
            try
            {
                form = await http.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested
                                      && e is not Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                // The reader's own message names its internals; the client needs what to send instead.
                return Results.Problem(detail: "The upload is not a well-formed multipart/form-data body (a part is cut short or its headers are malformed): " +
                    "send the file in the field 'file', or the raw file as the body with ?name=FILE.csv.", statusCode: 400);
            }
            var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
            if (file is null) return Results.Problem(detail: "The form has no file: send it in the field 'file'.", statusCode: 400);
            if (file.Length > options.MaxUploadBytes) return TooLarge(options);
            body = file.OpenReadStream();
            name = file.FileName;
        }
        else
        {
            body = http.Body;
            name = ApiRequest.Text(http.Query, "name");
            if (name is null) return Results.Problem(detail: "Name the file: ?name=incidents.csv (the extension tells CSV from JSON).", statusCode: 400);
        }

        var safe = SafeName(name);
        if (safe is null) return Results.Problem(detail: $"'{name}' is not an export file name: it must end in {ExportFiles.Described}.", statusCode: 400);
        var folder = Path.Combine(inbox.Inbox, "uploads");
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, $"{Guid.NewGuid():N}-{safe}"));
        if (!path.StartsWith(inbox.Inbox + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return Results.Problem(detail: "Bad file name.", statusCode: 400);

        await using (body.ConfigureAwait(false))
        {
            long written;
            try
            {
                written = await CopyLimitedAsync(body, path, options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                File.Delete(path);   // cut short (the client went away, the body broke off): nothing to keep
                throw;
            }
            if (written < 0) return TooLarge(options);
        }
        InboxOutcome outcome;
        try
        {
            outcome = await inbox.ProcessAsync(path, ApiRequest.Text(http.Query, "timezone"), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (File.Exists(path))
        {
            // Stopped before its import began (the client left, the service is stopping): never stranded in uploads/.
            await inbox.FailAsync(path, "the upload's request was cancelled before its import began; nothing was imported. Send it again.").ConfigureAwait(false);
            throw;
        }
        if (outcome.Error is null)
        {
            // A plain export: its result, as ever. A container (ZIP, gzip, workbook): each export's result.
            return outcome.Imports.Count == 1 && !ExportFiles.ContainerExtensions.Any(e => safe.EndsWith(e, StringComparison.OrdinalIgnoreCase))
                ? Results.Ok(outcome.Imports[0].Result)
                : Results.Ok(new { file = safe, imports = outcome.Imports.Select(i => i.Result).ToList() });
        }
        if (outcome.Busy)
        {
            http.HttpContext.Response.Headers.RetryAfter = ErrorMiddleware.BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: "The database is busy; nothing was imported.", detail: outcome.Error, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return outcome.InternalError
            ? Results.Problem(title: "The import failed with an internal error; nothing was imported.", detail: outcome.Error, statusCode: 500)
            : Results.Problem(title: "The import failed; nothing was imported.", detail: outcome.Error, statusCode: 400);
    }

    /// <summary>The base name reduced to letters, digits, dot, dash and underscore; null unless it names an export (<see cref="ExportFiles"/>).</summary>
    public static string? SafeName(string name)
    {
        var baseName = Path.GetFileName(name.Replace('\\', '/'));
        var clean = Unsafe().Replace(baseName, "_").TrimStart('.');
        if (clean.Length > 120) clean = clean[^120..];
        return ExportFiles.IsExport(clean) ? clean : null;
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; -1 (and no file) when the body is longer.</summary>
    private static async Task<long> CopyLimitedAsync(Stream body, string path, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await using (file.ConfigureAwait(false))
        {
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total > limit) break;
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            }
        }
        if (total <= limit) return total;
        File.Delete(path);
        return -1;
    }

    private static IResult TooLarge(ServiceOptions options) =>
        Results.Problem(detail: $"The upload is larger than {options.MaxUploadBytes:N0} bytes (Insight:MaxUploadBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
