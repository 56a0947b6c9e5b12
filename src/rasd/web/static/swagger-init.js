// Swagger UI served from the package (no CDN): reads this server's /openapi.json.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
