package main

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/triagebot/triagebot/config"
)

const k8sDir = "deploy/kubernetes"

// k8sObject is the part of a Kubernetes manifest these tests read; yaml
// ignores the rest.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Replicas *int             `yaml:"replicas"`
		Selector k8sSelector      `yaml:"selector"` // Deployment, PodDisruptionBudget
		Ports    []k8sServicePort `yaml:"ports"`    // Service
		Template k8sPodTemplate   `yaml:"template"`
	} `yaml:"spec"`
	StringData map[string]string `yaml:"stringData"` // Secret
}

type k8sSelector struct {
	MatchLabels map[string]string `yaml:"matchLabels"`
}

// matches tells whether a selector, given as a Deployment's or PDB's
// matchLabels or as a Service's plain map, selects pods with labels.
func matches(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return len(sel) > 0
}

type k8sServicePort struct {
	Port       int    `yaml:"port"`
	TargetPort string `yaml:"targetPort"`
}

type k8sPodTemplate struct {
	Metadata struct {
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Spec struct {
		TerminationGracePeriodSeconds int `yaml:"terminationGracePeriodSeconds"`
		SecurityContext               struct {
			RunAsNonRoot bool `yaml:"runAsNonRoot"`
			RunAsUser    int  `yaml:"runAsUser"`
		} `yaml:"securityContext"`
		Containers []k8sContainer `yaml:"containers"`
		Volumes    []struct {
			Name      string `yaml:"name"`
			ConfigMap *struct {
				Name string `yaml:"name"`
			} `yaml:"configMap"`
			Secret *struct {
				SecretName string `yaml:"secretName"`
			} `yaml:"secret"`
		} `yaml:"volumes"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Image string   `yaml:"image"`
	Args  []string `yaml:"args"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
	StartupProbe   *k8sProbe `yaml:"startupProbe"`
	LivenessProbe  *k8sProbe `yaml:"livenessProbe"`
	ReadinessProbe *k8sProbe `yaml:"readinessProbe"`
	Lifecycle      struct {
		PreStop struct {
			Sleep struct {
				Seconds int `yaml:"seconds"`
			} `yaml:"sleep"`
		} `yaml:"preStop"`
	} `yaml:"lifecycle"`
	Resources struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
}

type k8sProbe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
		Port string `yaml:"port"`
	} `yaml:"httpGet"`
}

func (p *k8sProbe) String() string {
	if p == nil || p.HTTPGet == nil {
		return "none (or not httpGet)"
	}
	return "httpGet " + p.HTTPGet.Path + " on port " + p.HTTPGet.Port
}

type kustomization struct {
	Resources          []string `yaml:"resources"`
	ConfigMapGenerator []struct {
		Name  string   `yaml:"name"`
		Files []string `yaml:"files"`
	} `yaml:"configMapGenerator"`
	Images []struct {
		Name string `yaml:"name"`
	} `yaml:"images"`
}

// k8sObjects reads every manifest under deploy/kubernetes by kind.
func k8sObjects(t *testing.T) map[string]k8sObject {
	t.Helper()
	objs := map[string]k8sObject{}
	files, _ := filepath.Glob(filepath.Join(k8sDir, "*.yaml"))
	for _, f := range files {
		for _, o := range decodeAll[k8sObject](t, f) {
			if o.Kind == "" || o.Kind == "Kustomization" {
				continue
			}
			if _, dup := objs[o.Kind]; dup {
				t.Fatalf("%s: a second %s", f, o.Kind)
			}
			objs[o.Kind] = o
		}
	}
	for _, kind := range []string{"Deployment", "Service", "Secret", "PodDisruptionBudget"} {
		if _, ok := objs[kind]; !ok {
			t.Fatalf("%s: no %s", k8sDir, kind)
		}
	}
	return objs
}

func (c *k8sContainer) env() map[string]string {
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	return env
}

func (c *k8sContainer) mount(volume string) string {
	for _, m := range c.VolumeMounts {
		if m.Name == volume && m.ReadOnly {
			return m.MountPath
		}
	}
	return ""
}

func TestKubernetesDeployment(t *testing.T) {
	objs := k8sObjects(t)
	d := objs["Deployment"]
	pod := d.Spec.Template
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 3 {
		t.Errorf("replicas = %v, want 3", d.Spec.Replicas)
	}
	if !matches(d.Spec.Selector.MatchLabels, pod.Metadata.Labels) {
		t.Errorf("the Deployment's selector %v does not select its pods %v", d.Spec.Selector.MatchLabels, pod.Metadata.Labels)
	}
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0]
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("args = %v, want [serve]", c.Args)
	}
	cfg := k8sConfig(t, objs)
	wantPorts, probePort := map[string]string{"http": portOf(t, cfg.HTTP.Addr)}, "http"
	if cfg.HTTP.MetricsAddr != "" {
		wantPorts["ops"], probePort = portOf(t, cfg.HTTP.MetricsAddr), "ops"
	}
	gotPorts := map[string]string{}
	for _, p := range c.Ports {
		gotPorts[p.Name] = strconv.Itoa(p.ContainerPort)
	}
	if !maps.Equal(gotPorts, wantPorts) {
		t.Errorf("container ports %v, want %v (http.addr, http.metrics_addr of triagebot.yaml)", gotPorts, wantPorts)
	}
	if wantPorts["http"] != defaultPort(t) {
		t.Errorf("triagebot.yaml listens on %s, the image exposes %s", wantPorts["http"], defaultPort(t))
	}
	for _, p := range []struct {
		name, path string
		probe      *k8sProbe
	}{
		{"startup", "/healthz", c.StartupProbe},
		{"liveness", "/healthz", c.LivenessProbe},
		{"readiness", "/readyz", c.ReadinessProbe},
	} {
		if p.probe == nil || p.probe.HTTPGet == nil || p.probe.HTTPGet.Path != p.path || p.probe.HTTPGet.Port != probePort {
			t.Errorf("%s probe = %s, want httpGet %s on port %s", p.name, p.probe, p.path, probePort)
		}
	}
	if r := c.Resources; r.Requests["cpu"] == "" || r.Requests["memory"] == "" || r.Limits["memory"] == "" {
		t.Errorf("resources = %+v: want cpu and memory requests and a memory limit", r)
	}
	sc := c.SecurityContext
	if !pod.Spec.SecurityContext.RunAsNonRoot || pod.Spec.SecurityContext.RunAsUser == 0 ||
		!sc.ReadOnlyRootFilesystem || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		!slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) {
		t.Errorf("security: pod %+v, container %+v: want non-root, read-only root, no privilege escalation, no capabilities",
			pod.Spec.SecurityContext, sc)
	}
}

// k8sConfig loads the configuration a pod would: the ConfigMap's
// triagebot.yaml, the Deployment's environment, and the example Secret's
// values as the files the environment names.
func k8sConfig(t *testing.T, objs map[string]k8sObject) *config.Config {
	t.Helper()
	d, secret := objs["Deployment"], objs["Secret"]
	pod := d.Spec.Template
	c := pod.Spec.Containers[0]
	env := c.env()
	noPlainSecrets(t, "deployment.yaml", env)

	secretDir, configDir := "", ""
	for _, v := range pod.Spec.Volumes {
		switch {
		case v.Secret != nil && v.Secret.SecretName == secret.Metadata.Name:
			secretDir = c.mount(v.Name)
		case v.ConfigMap != nil && v.ConfigMap.Name == kustomize(t).ConfigMapGenerator[0].Name:
			configDir = c.mount(v.Name)
		}
	}
	if secretDir == "" || configDir == "" {
		t.Fatalf("the Secret %q is mounted read-only at %q, the generated ConfigMap at %q: want both", secret.Metadata.Name, secretDir, configDir)
	}
	cfgFile := env["TRIAGEBOT_CONFIG"]
	if path.Dir(cfgFile) != configDir || path.Base(cfgFile) != kustomize(t).ConfigMapGenerator[0].Files[0] {
		t.Errorf("TRIAGEBOT_CONFIG=%s is not the generated ConfigMap's file under %s", cfgFile, configDir)
	}
	env["TRIAGEBOT_CONFIG"] = filepath.Join(k8sDir, path.Base(cfgFile))
	delete(env, "GOMEMLIMIT") // from the resource limit, which the test has not
	env = secretFiles(t, env, secret.StringData, func(name string) string { return path.Join(secretDir, name) })
	return loadsAs(t, "deployment.yaml with triagebot.yaml", env)
}

// TestKubernetesShutdown: SIGKILL comes terminationGracePeriodSeconds
// after the preStop hook starts; the pause and the shutdown both fit.
func TestKubernetesShutdown(t *testing.T) {
	objs := k8sObjects(t)
	cfg := k8sConfig(t, objs)
	pod := objs["Deployment"].Spec.Template
	c := pod.Spec.Containers[0]
	grace := time.Duration(pod.Spec.TerminationGracePeriodSeconds) * time.Second
	stop := time.Duration(c.Lifecycle.PreStop.Sleep.Seconds)*time.Second + cfg.HTTP.ShutdownTimeout
	if grace <= stop {
		t.Errorf("terminationGracePeriodSeconds %v does not cover preStop sleep + http.shutdown_timeout (%v)", grace, stop)
	}
	if c.Lifecycle.PreStop.Sleep.Seconds == 0 {
		t.Errorf("no preStop pause: endpoints are removed after SIGTERM, so new requests would find the listener closed")
	}
}

func TestKubernetesServiceAndBudget(t *testing.T) {
	objs := k8sObjects(t)
	pod := objs["Deployment"].Spec.Template
	svc, pdb := objs["Service"], objs["PodDisruptionBudget"]
	var svcSel map[string]string
	// A Service's selector is a plain map, not matchLabels.
	for _, o := range decodeAll[struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Selector map[string]string `yaml:"selector"`
		} `yaml:"spec"`
	}](t, filepath.Join(k8sDir, "service.yaml")) {
		if o.Kind == "Service" {
			svcSel = o.Spec.Selector
		}
	}
	if !matches(svcSel, pod.Metadata.Labels) {
		t.Errorf("the Service selects %v, the pods are %v", svcSel, pod.Metadata.Labels)
	}
	if len(svc.Spec.Ports) != 1 || svc.Spec.Ports[0].TargetPort != "http" {
		t.Errorf("Service ports = %+v, want one to targetPort http", svc.Spec.Ports)
	}
	if !matches(pdb.Spec.Selector.MatchLabels, pod.Metadata.Labels) {
		t.Errorf("the PodDisruptionBudget selects %v, the pods are %v", pdb.Spec.Selector.MatchLabels, pod.Metadata.Labels)
	}
}

func kustomize(t *testing.T) kustomization {
	t.Helper()
	docs := decodeAll[kustomization](t, filepath.Join(k8sDir, "kustomization.yaml"))
	if len(docs) != 1 || len(docs[0].ConfigMapGenerator) != 1 || len(docs[0].ConfigMapGenerator[0].Files) != 1 {
		t.Fatalf("kustomization.yaml: want one document with one ConfigMap generated from one file: %+v", docs)
	}
	return docs[0]
}

func TestKustomization(t *testing.T) {
	k := kustomize(t)
	for _, r := range append(k.Resources, k.ConfigMapGenerator[0].Files...) {
		if _, err := os.Stat(filepath.Join(k8sDir, r)); err != nil {
			t.Errorf("kustomization.yaml names %s: %v", r, err)
		}
	}
	// Applying the example Secret with the rest would overwrite the real one.
	if slices.Contains(k.Resources, "secret.yaml") {
		t.Errorf("kustomization.yaml applies the example secret.yaml")
	}
	image := k8sObjects(t)["Deployment"].Spec.Template.Spec.Containers[0].Image
	if len(k.Images) != 1 || k.Images[0].Name != image {
		t.Errorf("kustomization.yaml images %+v do not set the Deployment's image %q", k.Images, image)
	}
}
