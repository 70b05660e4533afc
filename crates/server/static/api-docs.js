// Starts Swagger UI on the OpenAPI document (kept out of the page: the CSP forbids inline script).
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
