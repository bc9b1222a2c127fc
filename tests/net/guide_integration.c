// LPC integration test for unified socket architecture
#include <network.h>

void create() {
    write("Testing Unified Socket Architecture\n");
    write("==================================\n");
    
    test_http_server();
    test_rest_server();
    test_socket_options();
    
    write("\nAll tests completed.\n");
}

void test_http_server() {
    write("Testing HTTP server creation...\n");
    
    int http_socket = socket_create(HTTP_SERVER, "http_callback", "http_close");
    if (http_socket >= 0) {
        write("✓ HTTP server socket created: " + http_socket + "\n");
        
        // Test socket binding
        if (socket_bind(http_socket, 8080) == 0) {
            write("✓ HTTP server bound to port 8080\n");
            
            if (socket_listen(http_socket, "http_accept") == 0) {
                write("✓ HTTP server listening\n");
            }
        }
        
        socket_close(http_socket);
    } else {
        write("✗ Failed to create HTTP server socket\n");
    }
}

void test_rest_server() {
    write("Testing REST server with routes...\n");
    
    int rest_socket = socket_create(REST_SERVER, "rest_callback", "rest_close");
    if (rest_socket >= 0) {
        write("✓ REST server socket created: " + rest_socket + "\n");
        
        // Test adding routes via socket options
        mapping route_def = ([
            "method": "GET",
            "pattern": "/api/users/{id}",
            "handler": "get_user",
            "openapi": ([
                "summary": "Get user by ID",
                "parameters": ([
                    "id": (["type": "integer", "description": "User ID"])
                ])
            ])
        ]);
        
        if (socket_set_option(rest_socket, REST_ADD_ROUTE, route_def)) {
            write("✓ REST route added successfully\n");
        }
        
        // Test OpenAPI info
        mapping api_info = ([
            "title": "Test REST API",
            "version": "1.0.0",
            "description": "Testing REST API functionality"
        ]);
        
        if (socket_set_option(rest_socket, REST_OPENAPI_INFO, api_info)) {
            write("✓ OpenAPI info set successfully\n");
        }
        
        socket_close(rest_socket);
    } else {
        write("✗ Failed to create REST server socket\n");
    }
}

void test_socket_options() {
    write("Testing socket options system...\n");
    
    int http_socket = socket_create(HTTP_CLIENT, "client_callback", "client_close");
    if (http_socket >= 0) {
        // Test various socket options
        if (socket_set_option(http_socket, SO_HTTP_TIMEOUT, 30000)) {
            write("✓ HTTP timeout option set\n");
            
            int timeout = socket_get_option(http_socket, SO_HTTP_TIMEOUT);
            if (timeout == 30000) {
                write("✓ HTTP timeout option retrieved correctly\n");
            }
        }
        
        if (socket_set_option(http_socket, SO_HTTP_USER_AGENT, "FluffOS/3.0")) {
            write("✓ HTTP user agent option set\n");
            
            string agent = socket_get_option(http_socket, SO_HTTP_USER_AGENT);
            if (agent == "FluffOS/3.0") {
                write("✓ HTTP user agent option retrieved correctly\n");
            }
        }
        
        socket_close(http_socket);
    }
}

// Callback functions for testing
void http_callback(int socket, mapping request, string addr) {
    write("HTTP request received: " + request["method"] + " " + request["uri"] + "\n");
}

void rest_callback(int socket, mapping request, string addr) {
    write("REST request received: " + request["method"] + " " + request["path"] + "\n");
    if (request["path_params"]) {
        write("Path parameters: " + sprintf("%O", request["path_params"]) + "\n");
    }
}

void http_close(int socket) {
    write("HTTP socket closed: " + socket + "\n");
}

void rest_close(int socket) {
    write("REST socket closed: " + socket + "\n");
}

void client_callback(int socket, mapping response, string addr) {
    write("HTTP client response: " + response["status"] + "\n");
}

void client_close(int socket) {
    write("HTTP client socket closed: " + socket + "\n");
}
