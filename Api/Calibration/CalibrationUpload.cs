using Gaze.Api.Bodies;
using Gaze.Api.Problems;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Calibration;

/// <summary>The calibration form of a <c>calib_validation</c> request, received and validated: a record or the problem with it.</summary>
public sealed class CalibrationUpload : IValidatedBody
{
    private CalibrationUpload(CalibrationRecord? record, ProblemDetails? problem) => (Record, Problem) = (record, problem);

    /// <summary>The calibration to run; set when <see cref="Problem"/> is null.</summary>
    public CalibrationRecord? Record { get; }

    public ProblemDetails? Problem { get; }

    /// <summary>Minimal-API binding: runs before the endpoint's filters, so before an ML slot is taken.</summary>
    public static async ValueTask<CalibrationUpload?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var form = new FormFields();
        if (!RequestBodyReader.IsAbsent(request))
        {
            if (!request.HasFormContentType)
            {
                return new(null, Problems.Problem.UnsupportedMediaType("Content-Type must be multipart/form-data or application/x-www-form-urlencoded."));
            }

            var limits = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
            var (fields, problem) = await RequestBodyReader.ReadAsync(context, (body, token) => FormFieldsReader.ReadAsync(body, limits, token));
            if (problem is not null)
            {
                return new(null, problem);
            }

            form = fields!;
        }

        var (record, errors) = CalibrationFormReader.Read(form);
        return record is not null
            ? new(record, null)
            : new(null, Problems.Problem.InvalidFields([.. errors.Select(e => e.Field).Distinct()], "Invalid calibration: " + string.Join("; ", errors) + "."));
    }
}
