// Command storagetable turns Kubernetes' own table of where each resource is stored,
// test/integration/etcd/data.go in k8s.io/kubernetes, into a tab-separated file.
//
//	go run ./storagetable -version v1.37.2 -data $(go env GOMODCACHE)/k8s.io/kubernetes@v1.37.2/test/integration/etcd/data.go
//
// data.go is read as source (go/ast), not compiled: compiling it would pull in most of Kubernetes. Only the
// literal map in GetEtcdStorageDataForNamespaceServedAt is read; entries removed at or before the given
// version are dropped, as GetEtcdStorageData does for its own binary version.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strconv"
	"strings"
)

// namespacePlaceholder stands where data.go concatenates its namespace variable.
const namespacePlaceholder = "{namespace}"

// stubImage stands for data.go's test image variables (image.GetE2EImage), which are not literals.
const stubImage = "busybox"

type row struct {
	group, version, resource, path string
	gvk                            []string // ExpectedGVK: group, version, kind; nil when data.go leaves it nil
	stub                           string   // the JSON data.go creates the example object from
	stubKind                       string   // the kind a stub names itself (custom resources do)
	introduced, removed            string
}

func main() {
	data := flag.String("data", "", "path of test/integration/etcd/data.go")
	version := flag.String("version", "", "the Kubernetes version data.go belongs to, e.g. v1.37.2")
	flag.Parse()
	if *data == "" || *version == "" {
		fmt.Fprintln(os.Stderr, "usage: storagetable -version vX.Y.Z -data path/to/data.go")
		os.Exit(2)
	}
	rows, err := read(*data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storagetable: %s: %v\n", *data, err)
		os.Exit(1)
	}
	minor, err := minorOf(*version)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storagetable: %v\n", err)
		os.Exit(2)
	}
	fmt.Printf("# Where Kubernetes %s stores each resource, generated from k8s.io/kubernetes@%s test/integration/etcd/data.go\n", *version, *version)
	fmt.Println("# by control-plane/storage-tables; do not edit. expected_gvk is empty when data.go expects the served group/version;")
	fmt.Println("# {namespace} stands for the namespace; stubs name the image \"" + stubImage + "\" where data.go names a test image.")
	fmt.Println("group\tversion\tresource\tetcd_path\texpected_gvk\tkind\tintroduced\tremoved\tstub")
	for _, r := range rows {
		if r.removed != "" && minor >= mustMinor(r.removed) {
			continue
		}
		gvk, kind := "", r.stubKind
		if r.gvk != nil {
			gvk = strings.Join(r.gvk, "/")
			kind = r.gvk[2]
		}
		fmt.Printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.group, r.version, r.resource, r.path, gvk, kind, r.introduced, r.removed, r.stub)
	}
}

func read(path string) ([]row, error) {
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	var table *ast.CompositeLit
	ast.Inspect(file, func(n ast.Node) bool {
		assign, ok := n.(*ast.AssignStmt)
		if !ok || table != nil || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 {
			return true
		}
		if id, ok := assign.Lhs[0].(*ast.Ident); ok && id.Name == "etcdStorageData" {
			table, _ = assign.Rhs[0].(*ast.CompositeLit)
		}
		return true
	})
	if table == nil {
		return nil, fmt.Errorf("no `etcdStorageData := map[...]StorageData{...}` literal found")
	}
	var rows []row
	for _, element := range table.Elts {
		kv, ok := element.(*ast.KeyValueExpr)
		if !ok {
			return nil, fmt.Errorf("unexpected element %T in etcdStorageData", element)
		}
		key, err := call(kv.Key, "gvr")
		if err != nil {
			return nil, err
		}
		r := row{group: key[0], version: key[1], resource: key[2]}
		fields, ok := kv.Value.(*ast.CompositeLit)
		if !ok {
			return nil, fmt.Errorf("%s: value is not a StorageData literal", strings.Join(key, "/"))
		}
		for _, f := range fields.Elts {
			field := f.(*ast.KeyValueExpr)
			name := field.Key.(*ast.Ident).Name
			switch name {
			case "ExpectedEtcdPath":
				r.path, err = str(field.Value)
			case "ExpectedGVK":
				r.gvk, err = call(field.Value, "gvkP")
			case "IntroducedVersion":
				r.introduced, err = str(field.Value)
			case "RemovedVersion":
				r.removed, err = str(field.Value)
			case "Stub":
				if r.stub, err = str(field.Value); err == nil {
					var typed struct{ Kind string }
					if err = json.Unmarshal([]byte(strings.ReplaceAll(r.stub, namespacePlaceholder, "ns")), &typed); err == nil {
						r.stubKind = typed.Kind
					}
					if strings.ContainsAny(r.stub, "\t\n") {
						err = fmt.Errorf("the stub holds a tab or line break, which the table cannot carry")
					}
				}
			}
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", strings.Join(key, "/"), name, err)
			}
		}
		if r.path == "" {
			return nil, fmt.Errorf("%s has no ExpectedEtcdPath", strings.Join(key, "/"))
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.group != b.group {
			return a.group < b.group
		}
		if a.resource != b.resource {
			return a.resource < b.resource
		}
		return a.version < b.version
	})
	return rows, nil
}

// call reads gvr("g", "v", "r") or gvkP("g", "v", "K").
func call(expr ast.Expr, name string) ([]string, error) {
	c, ok := expr.(*ast.CallExpr)
	if !ok {
		return nil, fmt.Errorf("expected a call of %s, found %T", name, expr)
	}
	if id, ok := c.Fun.(*ast.Ident); !ok || id.Name != name {
		return nil, fmt.Errorf("expected a call of %s", name)
	}
	var args []string
	for _, a := range c.Args {
		s, err := str(a)
		if err != nil {
			return nil, err
		}
		args = append(args, s)
	}
	return args, nil
}

// str evaluates string literals joined by +, with the namespace variable as a placeholder.
func str(expr ast.Expr) (string, error) {
	switch e := expr.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", fmt.Errorf("expected a string, found %s", e.Value)
		}
		return strconv.Unquote(e.Value)
	case *ast.Ident:
		if e.Name == "namespace" {
			return namespacePlaceholder, nil
		}
		if e.Name == "image" || e.Name == "alternateImage" {
			return stubImage, nil
		}
		return "", fmt.Errorf("unexpected variable %s", e.Name)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", fmt.Errorf("unexpected operator %s", e.Op)
		}
		x, err := str(e.X)
		if err != nil {
			return "", err
		}
		y, err := str(e.Y)
		return x + y, err
	case *ast.ParenExpr:
		return str(e.X)
	}
	return "", fmt.Errorf("unexpected expression %T", expr)
}

func minorOf(version string) (int, error) {
	parts := strings.Split(strings.TrimPrefix(version, "v"), ".")
	if len(parts) < 2 || parts[0] != "1" {
		return 0, fmt.Errorf("version %q is not of the form v1.Y.Z", version)
	}
	return strconv.Atoi(parts[1])
}

func mustMinor(version string) int {
	m, err := minorOf(version)
	if err != nil {
		panic(err)
	}
	return m
}
