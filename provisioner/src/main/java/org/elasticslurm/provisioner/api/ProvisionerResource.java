package org.elasticslurm.provisioner.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.operation.NodeSelector;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.OperationView;
import org.elasticslurm.provisioner.operation.RequestRejectedException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.logging.Logger;

/**
 * The provisioner's API: what Slurm's hook programs call, and views of nodes and operations. Every call needs
 * the bearer token; power requests answer at once with the operations (202) and never wait for machines.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Content of provisioner.token-file")
@SecurityRequirement(name = "bearer")
public class ProvisionerResource {
    private static final Logger LOG = Logger.getLogger(ProvisionerResource.class);
    private final OperationEngine engine;
    private final NodeSelector selector;
    private final int maxNodes;

    ProvisionerResource(OperationEngine engine, NodeSelector selector, ValidatedConfig config) {
        this.engine = engine;
        this.selector = selector;
        this.maxNodes = config.get().maxNodesPerRequest();
    }

    /** ResumeProgram: make the nodes' machines run and tell Slurm their addresses. */
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume CLOUD nodes", description = "One operation per node; an ongoing or finished resume"
            + " of a node is returned instead of a new one. Answers before any machine is started.")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = OperationsResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or hostlist",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong token")
    @APIResponse(responseCode = "422", description = "Names nodes that are not CLOUD nodes of a pool; nothing done",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Response resume(PowerRequest body) {
        List<String> nodes = selector.select(nodesOf(body));
        ResumeFileReader.Reading file = ResumeFileReader.read(body.resumeFile(), maxNodes);
        if (!file.problems().isEmpty()) {
            LOG.warnf("resume %s: SLURM_RESUME_FILE not fully understood, resuming on the hostlist (job ids of"
                    + " those parts unknown): %s", body.nodes(), String.join("; ", file.problems()));
        }
        Map<String, List<Long>> jobs = file.jobsByNode();
        return accepted(engine.resume(nodes, jobs));
    }

    /** SuspendProgram: give the nodes' machines back. */
    @POST
    @Path("/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend CLOUD nodes", description = "Cancels a resume in progress and releases the machine;"
            + " only nodes Slurm shows idle, down, powering down or powered down unless force is set.")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = OperationsResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or hostlist")
    @APIResponse(responseCode = "401", description = "Missing or wrong token")
    @APIResponse(responseCode = "422", description = "Names nodes that are not CLOUD nodes of a pool; nothing done")
    @APIResponse(responseCode = "409", description = "Slurm shows a node that may run a job (not idle, down, powering"
            + " down or powered down) and force is not set; nothing done")
    @APIResponse(responseCode = "503", description = "Slurm's view cannot be read, or the operation log cannot be"
            + " written; nothing done")
    public Response suspend(PowerRequest body) {
        List<String> nodes = selector.select(nodesOf(body));
        return accepted(engine.suspend(nodes, body.forced()));
    }

    /** ResumeFailProgram: Slurm gave up on these nodes; clean up what is left. */
    @POST
    @Path("/resume-fail")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clean up nodes Slurm gave up resuming", description = "Releases the machines; the nodes end FAILED.")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = OperationsResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or hostlist")
    @APIResponse(responseCode = "401", description = "Missing or wrong token")
    @APIResponse(responseCode = "422", description = "Names nodes that are not CLOUD nodes of a pool; nothing done")
    public Response resumeFail(PowerRequest body) {
        List<String> nodes = selector.select(nodesOf(body));
        return accepted(engine.resumeFail(nodes, body.forced()));
    }

    /** Every pool node. */
    @GET
    @Path("/nodes")
    @Operation(summary = "All pool nodes")
    @APIResponse(responseCode = "200", description = "The nodes",
            content = @Content(schema = @Schema(implementation = NodeDto.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<NodeDto> nodes() {
        return engine.nodes().stream().map(NodeDto::of).toList();
    }

    /** One node. */
    @GET
    @Path("/nodes/{name}")
    @Operation(summary = "One node")
    @APIResponse(responseCode = "200", description = "The node",
            content = @Content(schema = @Schema(implementation = NodeDto.class)))
    @APIResponse(responseCode = "404", description = "No such pool node")
    public NodeDto node(@PathParam("name") String name) {
        return engine.node(name).map(NodeDto::of).orElseThrow(() -> new RequestRejectedException(
                RequestRejectedException.Reason.NOT_FOUND, "node " + name + " is not a CLOUD node of a pool"));
    }

    /** One operation. */
    @GET
    @Path("/operations/{id}")
    @Operation(summary = "One operation")
    @APIResponse(responseCode = "200", description = "The operation",
            content = @Content(schema = @Schema(implementation = OperationDto.class)))
    @APIResponse(responseCode = "404", description = "No such operation")
    public OperationDto operation(@PathParam("id") String id) {
        return engine.operation(id).map(OperationDto::of).orElseThrow(() -> new RequestRejectedException(
                RequestRejectedException.Reason.NOT_FOUND, "no operation " + id));
    }

    private static String nodesOf(PowerRequest body) {
        if (body == null) {
            throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                    "a JSON body {\"nodes\": \"<hostlist>\"} is required");
        }
        return body.nodes();
    }

    private static Response accepted(List<OperationView> ops) {
        return Response.accepted(new OperationsResponse(ops.stream().map(OperationDto::of).toList())).build();
    }
}
