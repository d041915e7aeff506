/**
 * The reference server's exact plain-text replies (protocol notes §2.3, §3.6–§3.9). Clients
 * compare some of them byte for byte (`/test/`), so they live in one place.
 * @module
 */

/** 400 texts of the shared image reader (§2.3); the `x-www-urlencoded` typo is the reference's. */
export const IMAGE_REQUEST_TEXTS = {
  notPost: "Must send frame as a POST",
  noImagePart: "Image file must be uploaded with key of 'image'",
  badPartType: "Uploaded file Content-Type must be 'image/png', 'image/jpeg'",
  missingImageField: "Missing 'image' parameter",
  badContentType:
    "Content-Type must be 'image/png', 'image/jpeg', 'multipart/form-data', or 'application/x-www-urlencoded'",
} as const;

/** Texts of the informational endpoints. */
export const INFO_TEXTS = {
  testGet: "Valid GET Request to server",
  testHead: "Valid HEAD Request to server",
  testBadMethod: "Please send request as a GET or HEAD",
  capabilitiesBadMethod: "Please send request as a GET",
  usageBadMethod: "This request must be a GET",
  getDataBadMethod: "Please send response as a GET",
  getDataMissing: "Missing 'numbytes' parameter",
  uploadBadMethod: "Please send response as a POST",
} as const;

/** Django's production 404 page. */
export const NOT_FOUND_HTML = `<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`;

/** Django's production 500 page. */
export const SERVER_ERROR_HTML = "<h1>Server Error (500)</h1>";

/** Media type of every reply, JSON included (the Django default). */
export const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
