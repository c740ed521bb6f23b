package io.jenkins.plugins.imagefactory.e2e;

/** Job definitions as {@code POST /createItem} takes them. */
final class Jobs {

    /** The parameters Image Factory sends: Jenkins drops any a job does not declare. */
    private static final String PARAMETERS = """
            <hudson.model.ParametersDefinitionProperty><parameterDefinitions>
              <hudson.model.StringParameterDefinition><name>IMAGE_FACTORY_CONTEXT</name><defaultValue></defaultValue>
                <trim>false</trim></hudson.model.StringParameterDefinition>
              <hudson.model.StringParameterDefinition><name>IMAGE_FACTORY_KEY</name><defaultValue></defaultValue>
                <trim>false</trim></hudson.model.StringParameterDefinition>
            </parameterDefinitions></hudson.model.ParametersDefinitionProperty>""";

    private Jobs() {
    }

    /**
     * A freestyle job that declares the parameters Image Factory sends and, as its build, pushes a new
     * image to {@code registry/repository:tag} through the distribution API with curl: what a real
     * image build ends with.
     */
    static String freestylePushing(String registryHost, String repository, String tag) {
        return freestyle(repository, pushScript(registryHost, repository, tag));
    }

    /** A freestyle job that declares the parameters Image Factory sends and runs {@code script}. */
    static String freestyle(String description, String script) {
        return """
                <?xml version='1.1' encoding='UTF-8'?>
                <project>
                  <description>Builds %s (started by Image Factory)</description>
                  <keepDependencies>false</keepDependencies>
                  <properties>%s</properties>
                  <scm class="hudson.scm.NullSCM"/>
                  <canRoam>true</canRoam>
                  <disabled>false</disabled>
                  <concurrentBuild>false</concurrentBuild>
                  <builders>
                    <hudson.tasks.Shell>
                      <command>%s</command>
                    </hudson.tasks.Shell>
                  </builders>
                  <publishers/>
                  <buildWrappers/>
                </project>
                """.formatted(Controller.xml(description), PARAMETERS, Controller.xml(script));
    }

    private static String pushScript(String registryHost, String repository, String tag) {
        return """
                set -eu
                R=http://%s
                REPO=%s
                push_blob() {
                  d=$(sha256sum "$1" | cut -d' ' -f1)
                  loc=$(curl -sf -X POST -D - -o /dev/null "$R/v2/$REPO/blobs/uploads/" | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p')
                  case "$loc" in http*) ;; *) loc="$R$loc" ;; esac
                  case "$loc" in *\\?*) sep='&' ;; *) sep='?' ;; esac
                  curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$1" "$loc${sep}digest=sha256:$d"
                  echo "$d"
                }
                printf 'layer of %%s\\n' "$BUILD_TAG" > layer.bin
                printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%%s"]},"config":{"Labels":{"build":"%%s"}}}' \\
                  "$(sha256sum layer.bin | cut -d' ' -f1)" "$BUILD_TAG" > config.json
                layer=$(push_blob layer.bin)
                config=$(push_blob config.json)
                printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%%s","size":%%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%%s","size":%%s}]}' \\
                  "$config" "$(wc -c < config.json)" "$layer" "$(wc -c < layer.bin)" > manifest.json
                curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary @manifest.json "$R/v2/$REPO/manifests/%s"
                echo "pushed $REPO:%s"
                echo "IMAGE_FACTORY_KEY=$IMAGE_FACTORY_KEY"
                """.formatted(registryHost, repository, tag, tag);
    }

    /** A scripted Pipeline job (sandboxed, as a Jenkinsfile author's script runs). */
    static String pipeline(String script) {
        return pipeline(script, false);
    }

    /** A scripted Pipeline job; {@code declaresContext}: with the IMAGE_FACTORY_CONTEXT parameter Image Factory sends. */
    static String pipeline(String script, boolean declaresContext) {
        String properties = declaresContext ? "  <properties>" + PARAMETERS + "</properties>\n" : "";
        return """
                <?xml version='1.1' encoding='UTF-8'?>
                <flow-definition plugin="workflow-job">
                %s  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps">
                    <script>%s</script>
                    <sandbox>true</sandbox>
                  </definition>
                </flow-definition>
                """.formatted(properties, Controller.xml(script));
    }
}
